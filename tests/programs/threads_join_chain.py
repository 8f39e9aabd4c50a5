# Each thread joins the previous one before appending, so the order is fixed.
import threading

order = []


def step(index, previous):
    if previous is not None:
        previous.join()
    order.append(index)


prev = None
threads = []
for i in range(5):
    t = threading.Thread(target=step, args=(i, prev))
    threads.append(t)
    prev = t
for t in threads:
    t.start()
threads[-1].join()
print(order)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [0, 1, 2, 3, 4]
