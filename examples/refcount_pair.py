# refcount_pair.py: two threads each take one reference to a shared list and drop it.
# teaches: `tmp = shared` adds 1 to the list's reference count and `del tmp` takes 1 away
# teaches: with the GIL each change is one step; without it, a load, an add and a store
# teaches: two overlapping increments lose one, and the count no longer matches the references
# expect-output-python: [1, 2, 3] 3
import sys
import threading

shared = [1, 2, 3]


def borrow():
    tmp = shared
    del tmp


t1 = threading.Thread(target=borrow)
t2 = threading.Thread(target=borrow)
t1.start()
t2.start()
t1.join()
t2.join()
print(shared, sys.getrefcount(shared))
