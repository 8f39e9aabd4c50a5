# producer_consumer.py: a bounded buffer (a list of at most 2 items) shared through a Condition.
# teaches: wait() releases the lock while it sleeps and takes it back before returning,
# teaches: so the test `while len(buffer) == ...` must be re-checked in a loop after waking
# teaches: notify_all() wakes the other side; every item is consumed once, in order
# expect-output-python: [0, 10, 20, 30, 40]
import threading

CAPACITY = 2
ITEMS = 5
buffer = []
consumed = []
cond = threading.Condition()


def producer():
    for i in range(ITEMS):
        with cond:
            while len(buffer) == CAPACITY:
                cond.wait()
            buffer.append(i * 10)
            cond.notify_all()


def consumer():
    for i in range(ITEMS):
        with cond:
            while len(buffer) == 0:
                cond.wait()
            consumed.append(buffer.pop(0))
            cond.notify_all()


p = threading.Thread(target=producer)
c = threading.Thread(target=consumer)
c.start()
p.start()
p.join()
c.join()
print(consumed)
