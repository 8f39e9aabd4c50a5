# The main thread and one other thread both read a shared list: no value
# race, but both take references to it.  Small enough for dfs under every
# model.  Under nogil-naive the two threads' count changes can be lost.
import threading

data = [7]


def look():
    global seen
    seen = data[0]


t = threading.Thread(target=look)
t.start()
n = len(data)
t.join()
