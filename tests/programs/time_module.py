# The time module: sleep, and clocks that never run backwards.
import time

t0 = time.time()
m0 = time.monotonic()
p0 = time.perf_counter()
time.sleep(0.02)
time.sleep(0)
t1 = time.time()
m1 = time.monotonic()
p1 = time.perf_counter()
print(t1 >= t0, m1 >= m0, p1 - p0 >= 0.015)


def timed(n):
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return total, time.perf_counter() >= start


print(timed(1000))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: True True True
# expect: (499500, True)
