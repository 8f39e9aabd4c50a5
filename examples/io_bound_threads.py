# io_bound_threads.py: 4 threads that each wait 0.05 s in time.sleep, as if for I/O.
# teaches: a thread releases the GIL while it sleeps or blocks on I/O, so the waits overlap:
# teaches: 4 threads finish in about 0.05 s, not the 0.2 s that 4 sequential waits take
# teaches: threads help I/O-bound programs even with the GIL; the times vary from run to run
import threading
import time

DELAY = 0.05
done = []


def fetch(name):
    time.sleep(DELAY)
    done.append(name)


start = time.perf_counter()
for k in range(4):
    fetch("seq" + str(k))
sequential = time.perf_counter() - start
start = time.perf_counter()
threads = [threading.Thread(target=fetch, args=("thr" + str(k),)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
threaded = time.perf_counter() - start
print(len(done), "waits done")
print(f"sequential {sequential:.3f} s, 4 threads {threaded:.3f} s")
