# Thread objects: names, is_alive before and after, daemon flag, main thread name.
import threading


def noop():
    pass


t = threading.Thread(target=noop, name="worker-1")
print(t.name, t.is_alive(), t.daemon)
t.start()
t.join()
print(t.is_alive())
d = threading.Thread(target=noop, daemon=True)
d.start()
d.join()
print(d.daemon, threading.current_thread().name)
print(threading.main_thread() is threading.current_thread())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: worker-1 False False
# expect: False
# expect: True MainThread
# expect: True
