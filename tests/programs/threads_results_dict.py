# Each thread writes its own key of a shared dict; printed in key order afterwards.
from threading import Thread

results = {}


def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def task(key, start):
    results[key] = collatz_steps(start)


threads = [Thread(target=task, args=(i, 7 + i * 10)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i in range(4):
    print(i, 7 + i * 10, results[i])

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 0 7 16
# expect: 1 17 12
# expect: 2 27 111
# expect: 3 37 21
