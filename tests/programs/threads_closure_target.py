# Thread targets that are closures: nested functions reading and updating the
# enclosing function's variables through cells, with Lock imported by name.
from threading import Thread, Lock


def run_workers(n, per_worker):
    total = 0
    lock = Lock()

    def worker(amount):
        nonlocal total
        for i in range(per_worker):
            with lock:
                total += amount

    threads = []
    for k in range(n):
        threads.append(Thread(target=worker, args=(k + 1,)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total


print(run_workers(3, 100), run_workers(1, 5), run_workers(0, 10))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 600 5 0
