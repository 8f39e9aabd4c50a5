# Threads that sleep (releasing the GIL) and record what they did under a lock.
import threading
import time

log = []
log_lock = threading.Lock()


def napper(name, seconds):
    time.sleep(seconds)
    with log_lock:
        log.append(name)


threads = []
for i in range(4):
    t = threading.Thread(target=napper, args=("t" + str(i), 0.01 * (i % 2)))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
print(sorted(log), len(log))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: ['t0', 't1', 't2', 't3'] 4
