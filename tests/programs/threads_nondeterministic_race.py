# nondeterministic-output
# An unprotected read-call-write race: x = f(x) loses updates on CPython 3.11,
# so the printed total varies from run to run (it is at most 40000).
import threading

x = 0


def f(v):
    return v + 1


def worker():
    global x
    for i in range(10000):
        x = f(x)


ts = [threading.Thread(target=worker) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(x)
print(x <= 40000)
