# Worker threads append results under a lock; the main thread joins them all and
# prints the results sorted, so the output does not depend on the schedule.
import threading

results = []
lock = threading.Lock()


def work(n):
    value = n * n
    with lock:
        results.append(value)


threads = []
for i in range(5):
    t = threading.Thread(target=work, args=(i,))
    threads.append(t)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print(len(results), sum(results))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [0, 1, 4, 9, 16]
# expect: 5 30
