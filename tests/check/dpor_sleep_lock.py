# dpor_sleep_lock.py: a program on which dpor misses an outcome under cpython-3.11 (open bug).
# Found by the property suite P5 (tests/properties/p5_dpor_dfs_test.cpp).  t1 holds lock0
# across a call (an eval-breaker check inside the critical section).  dfs reaches four
# outcomes: l1 = [2, 1], [1, 1], [1] and [2]; dpor (64 executions) never reaches l1 = [2]
# (t2 appends to the old list, then t0 rebinds l1 under the lock, then t1 increments the new
# list).  Without sleep sets dpor finds it; under `gil` it does too.
import threading
l1 = [0]
lock0 = threading.Lock()


def t0():
    global l1
    with lock0:
        l1 = [1]


def f2():
    l1[0] += 1


def t1():
    with lock0:
        f2()


def t2():
    l1.append(1)


threads = [threading.Thread(target=t0), threading.Thread(target=t1), threading.Thread(target=t2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
