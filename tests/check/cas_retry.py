# Two threads each take and drop a reference to one shared list twice.
# Under nogil-cas-rc every count change is a load and a compare-and-swap:
# when the other thread changes the count in between, the swap fails and
# is retried.  With --cas-bound 2, two failures in a row are reported as
# starvation (traces/regressions/cas-starvation-nogil-cas-rc.json).
import threading

shared = [1]


def borrow():
    for i in range(2):
        tmp = shared
        del tmp


t1 = threading.Thread(target=borrow)
t2 = threading.Thread(target=borrow)
t1.start()
t2.start()
t1.join()
t2.join()
