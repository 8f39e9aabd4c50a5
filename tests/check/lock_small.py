# The main thread and one other thread each add to a counter under a lock; small enough for dfs.
import threading

lock = threading.Lock()
n = 0


def work():
    global n
    with lock:
        n += 1


t = threading.Thread(target=work)
t.start()
work()
t.join()
