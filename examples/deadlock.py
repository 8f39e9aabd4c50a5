# deadlock.py: two threads take the same two locks in opposite orders.
# teaches: if thread 1 holds a and thread 2 holds b, each waits forever for the other: a deadlock
# teaches: it needs a switch at one precise point, so real runs almost never show it; gilsim finds it
# teaches: the fix is one global lock order (take a before b everywhere)
# expect-output-python: done 2
import threading

a = threading.Lock()
b = threading.Lock()
count = 0


def one():
    global count
    with a:
        with b:
            count += 1


def two():
    global count
    with b:
        with a:
            count += 1


t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
t2.join()
print("done", count)
