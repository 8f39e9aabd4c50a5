# cpu_bound_threads.py: the same CPU-bound work done 4 times in a row, then in 4 threads.
# teaches: with the GIL only one thread runs Python bytecode at a time, so 4 threads on 4 cores
# teaches: take about as long as doing the work sequentially (often a little longer: the switches)
# teaches: the printed sums are always the same; the two times vary from run to run
import threading
import time

N = 100_000
results = []


def work(seed):
    total = 0
    for i in range(N):
        total += (i * seed) % 7
    return total


def run(seed):
    results.append(work(seed))


start = time.perf_counter()
for k in range(4):
    work(k + 1)
sequential = time.perf_counter() - start
start = time.perf_counter()
threads = [threading.Thread(target=run, args=(k + 1,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
threaded = time.perf_counter() - start
print(sorted(results))
print(f"sequential {sequential:.3f} s, 4 threads {threaded:.3f} s")
