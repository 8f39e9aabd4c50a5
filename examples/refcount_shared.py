# refcount_shared.py: two threads repeatedly take and drop a reference to one shared list.
# teaches: `tmp = shared` increments the list's reference count and `del tmp` decrements it;
# teaches: each is a load, an add and a store on the count, made atomic by the GIL
# teaches: without the GIL two increments can overlap and lose one, so the count drops to zero
# teaches: while references remain and the list is freed under a live name (use after free)
# teaches: with the GIL the count is exact: 2 at the end (the global name and getrefcount's argument)
# expect-output-python: [1, 2, 3] 2
import sys
import threading

shared = [1, 2, 3]


def borrow(times):
    for i in range(times):
        tmp = shared
        del tmp


t1 = threading.Thread(target=borrow, args=(1000,))
t2 = threading.Thread(target=borrow, args=(1000,))
t1.start()
t2.start()
t1.join()
t2.join()
count = sys.getrefcount(shared)
print(shared, count)
