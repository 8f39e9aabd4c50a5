# counter_call.py: counter_loop.py with the add moved into a Python function: x = f(x).
# teaches: CPython 3.11 may switch threads as a call enters a Python function (its RESUME checks the eval breaker)
# teaches: that point falls between LOAD_GLOBAL x and STORE_GLOBAL x, so updates are lost on real 3.11
# teaches: the output is below 2 * N on most runs (a small switch interval makes the race frequent)
import sys
import threading

N = 100_000
x = 0


def f(v):
    return v + 1


def worker():
    global x
    for i in range(N):
        x = f(x)


sys.setswitchinterval(1e-5)
t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t1.start()
t2.start()
t1.join()
t2.join()
print(x, "of", 2 * N)
