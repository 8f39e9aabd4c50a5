# The main thread and one other thread both take len() of a shared list: no
# value race, only reference counts (the list's and the argument tuple's).
# Small enough for dfs under every model; nogil-naive can lose a count.
import threading

data = [7]
t = threading.Thread(target=len, args=(data,))
t.start()
n = len(data)
t.join()
