# counter_loop.py: two threads each run `x += 1` N times in a loop.
# teaches: under the language's guarantee (a switch between any two bytecodes) updates can be lost
# teaches: CPython 3.11 checks for a switch only at a taken backward jump, a call's return and RESUME,
# teaches: never between the LOAD_GLOBAL and the STORE_GLOBAL of `x += 1`, so on 3.11 nothing is lost
# teaches: even with a tiny switch interval; compare counter_call.py (lower N for exhaustive checking)
# expect-output-python: 200000
import sys
import threading

N = 100_000
x = 0


def worker():
    global x
    for i in range(N):
        x += 1


sys.setswitchinterval(1e-5)
t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t1.start()
t2.start()
t1.join()
t2.join()
print(x)
