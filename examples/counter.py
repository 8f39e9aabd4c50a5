# counter.py: the main demo. Two threads each run `x += 1` once on a global.
# teaches: `x += 1` is not one step: it compiles to LOAD_GLOBAL, LOAD_CONST, BINARY_OP, STORE_GLOBAL
# teaches: a thread switch between the load and the store loses an update, so x can end as 1
# teaches: the GIL makes each bytecode atomic, not each Python statement
# teaches: real CPython 3.11 never switches inside this sequence, so it always prints 2
# expect-output-python: 2
# gilsim-expect: x == 2
import threading

x = 0


def inc():
    global x
    x += 1


t1 = threading.Thread(target=inc)
t2 = threading.Thread(target=inc)
t1.start()
t2.start()
t1.join()
t2.join()
print(x)
