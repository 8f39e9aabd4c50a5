# Two threads each run `x = f(x)` twice (examples/counter_call.py, small enough to explore).
# check: CPython 3.11 may switch at f's RESUME, between the load and the store: updates are lost
import threading

N = 2
x = 0


def f(v):
    return v + 1


def worker():
    global x
    for i in range(N):
        x = f(x)


t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t1.start()
t2.start()
t1.join()
t2.join()
print(x)
