# One producer and one consumer hand items over through a list guarded by a Condition.
import threading

items = []
cond = threading.Condition()
consumed = []
DONE = None


def producer(n):
    for i in range(n):
        with cond:
            items.append(i * 3)
            cond.notify()
    with cond:
        items.append(DONE)
        cond.notify()


def consumer():
    while True:
        with cond:
            while len(items) == 0:
                cond.wait()
            item = items.pop(0)
        if item is DONE:
            break
        consumed.append(item)


c = threading.Thread(target=consumer)
p = threading.Thread(target=producer, args=(6,))
c.start()
p.start()
p.join()
c.join()
print(consumed, items)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [0, 3, 6, 9, 12, 15] []
