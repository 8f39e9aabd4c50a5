# counter_lock.py: counter.py with the increment inside `with lock:`.
# teaches: a lock makes the load-add-store sequence of `x += 1` atomic with respect to the other thread
# teaches: with the lock, every schedule ends with x == 2; no interleaving can lose an update
# expect-output-python: 2
# gilsim-expect: x == 2
import threading

x = 0
lock = threading.Lock()


def inc():
    global x
    with lock:
        x += 1


t1 = threading.Thread(target=inc)
t2 = threading.Thread(target=inc)
t1.start()
t2.start()
t1.join()
t2.join()
print(x)
