# Two threads each run `x += 1` three times in a loop (examples/counter_loop.py, small enough to explore).
# check: under gil, x can end anywhere from 2 to 6; under cpython-3.11 always 6
import threading

N = 3
x = 0


def worker():
    global x
    for i in range(N):
        x += 1


t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t1.start()
t2.start()
t1.join()
t2.join()
print(x)
