# dpor_sleep_lock.py: a program on which dpor once missed an outcome under cpython-3.11.
# Found by the property suite P5 (tests/properties/p5_dpor_dfs_test.cpp).  t1 holds lock0
# across a call (an eval-breaker check inside the critical section).  dfs reaches four
# outcomes: l1 = [2, 1], [1, 1], [1] and [2].  dpor missed l1 = [2] (t2 appends to the old
# list, then t0 rebinds l1 under the lock, then t1 increments the new list): the race of
# t1's acquire with t0's step that found the lock held was reversed as if t0, going first,
# would have stopped there too; it takes the lock and stores l1, which t2's append must
# precede.  sim/dpor.cpp now moves that step together with the one that took the lock.
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
