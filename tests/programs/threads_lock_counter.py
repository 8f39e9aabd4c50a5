# Four threads each add 1 to a global counter 500 times under a lock: always 2000.
import threading

counter = 0
lock = threading.Lock()


def worker(times):
    global counter
    for i in range(times):
        lock.acquire()
        counter += 1
        lock.release()


workers = []
for i in range(4):
    w = threading.Thread(target=worker, args=(500,))
    w.start()
    workers.append(w)
for w in workers:
    w.join()
print("counter =", counter)
assert counter == 2000, "lost an update"

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: counter = 2000
