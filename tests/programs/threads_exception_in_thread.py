# An uncaught exception in a worker thread ends only that thread: Python prints its
# traceback to stderr, the main thread goes on, and the exit status stays 0.
import threading

finished = []


def worker(n):
    if n == 2:
        raise ValueError("worker 2 failed")
    finished.append(n)


ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(finished))
print("main thread still running")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [0, 1, 3]
# expect: main thread still running
