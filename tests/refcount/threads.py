# sys.getrefcount of objects handed to threads, before and after they run.
import sys
import threading

shared = {"n": 0}
lock = threading.Lock()


def work(d, times):
    for _ in range(times):
        with lock:
            d["n"] += 1


print(sys.getrefcount(shared))
t = threading.Thread(target=work, args=(shared, 100))
print(sys.getrefcount(shared))
t.start()
t.join()
print(sys.getrefcount(shared))
print(shared["n"])
del t
print(sys.getrefcount(shared))
print(sys.getrefcount(lock))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2
# expect: 3
# expect: 2
# expect: 100
# expect: 2
# expect: 2
