# Both threads store a new (not cached) int into a shared global: x + 1
# makes 1001 and STORE_GLOBAL publishes it.  CPython finishes the increment
# of a value before it stores the value where other threads can find it, so
# under every model but nogil-naive the counts stay right (found by the
# crash hunt: nogil-cas-rc once reported a use after free here).
import threading

x = 1000


def w():
    global x
    x = x + 1


t = threading.Thread(target=w)
t.start()
w()
t.join()
