# Explicit acquire/release with try/finally, non-blocking acquire, and lock state.
import threading

lock = threading.Lock()
print(lock.acquire(), lock.locked())
print(lock.acquire(False), lock.acquire(blocking=False))
lock.release()
print(lock.locked())
shared = []


def append_safely(values):
    for v in values:
        lock.acquire()
        try:
            shared.append(v)
        finally:
            lock.release()


a = threading.Thread(target=append_safely, args=([1, 2, 3],))
b = threading.Thread(target=append_safely, args=([10, 20],))
a.start()
b.start()
a.join()
b.join()
print(sorted(shared), lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: True True
# expect: False False
# expect: False
# expect: [1, 2, 3, 10, 20] False
# expect: RuntimeError: release unlocked lock
