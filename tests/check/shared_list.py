# Two threads append to one list and bump a counter under a lock; small enough for dfs.
import threading

items = []
lock = threading.Lock()
n = 0


def work(v):
    global n
    items.append(v)
    with lock:
        n += 1


t = threading.Thread(target=work, args=(1,))
t.start()
work(2)
t.join()
