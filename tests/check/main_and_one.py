# The main thread and one other thread each add to a shared counter twice; small enough for dfs.
import threading

x = 0


def work():
    global x
    for i in range(2):
        x += 1


t = threading.Thread(target=work)
t.start()
work()
t.join()
