# Daemon threads: one that never ends does not keep the program alive, and a sleeper wakes beside a busy thread.
import threading
import time


def spin():
    n = 0
    while True:
        n += 1


def later():
    time.sleep(0.01)
    print("woke beside the spinner")


threading.Thread(target=spin, daemon=True).start()
t = threading.Thread(target=later)
t.start()
t.join()
print("main done; the daemon is still spinning:", threading.active_count() == 2)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: woke beside the spinner
# expect: main done; the daemon is still spinning: True
