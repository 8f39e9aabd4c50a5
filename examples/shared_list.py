# shared_list.py: two threads only read one shared list; nothing is written that both touch.
# teaches: reading a shared object still writes its reference count (LOAD_GLOBAL data takes a reference)
# teaches: under the GIL, or with atomic, locked or biased counts, every schedule keeps the counts right
# teaches: without a GIL and with plain counts (nogil-naive), two threads' increments collide and one is lost
# expect-output-python: [3, 3]
# gilsim-expect: sizes == [3, 3]
import threading

data = [1, 2, 3]
sizes = [0, 0]


def measure(i):
    sizes[i] = len(data)


t1 = threading.Thread(target=measure, args=(0,))
t2 = threading.Thread(target=measure, args=(1,))
t1.start()
t2.start()
t1.join()
t2.join()
print(sizes)
