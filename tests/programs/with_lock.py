# with on a threading lock, single-threaded: acquired on entry, released on exit,
# also when the body raises or returns.
import threading

lock = threading.Lock()
with lock:
    print("inside", lock.locked())
print("after", lock.locked())
try:
    with lock:
        raise ValueError("inside with")
except ValueError as e:
    print("caught", e, "locked:", lock.locked())


def guarded(values):
    total = 0
    with lock:
        for v in values:
            total += v
        return total


class SafeCounter:
    def __init__(self):
        self.lock = threading.Lock()
        self.value = 0

    def inc(self):
        with self.lock:
            self.value += 1
            return self.value


c = SafeCounter()
c.inc()
print(guarded([1, 2, 3]), lock.locked(), c.inc(), c.lock.locked())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: inside True
# expect: after False
# expect: caught inside with locked: False
# expect: 6 False 2 False
