# cpu_bound_threads.py: the same CPU-bound work in 4 threads.
# teaches: with the GIL only one thread runs Python bytecode at a time, so 4 threads on 4 cores
# teaches: take as long as doing the work 4 times in a row: they take turns, one switch interval each
# teaches: without the GIL (free-threaded) the 4 threads run at once on 4 cores, about 4 times faster,
# teaches: but each count change costs more, so one thread alone is slower than with the GIL
# teaches: the printed sums are always the same; the time varies from run to run
# simulate: gilsim simulate examples/cpu_bound_threads.py --svg threads.svg
# simulate: gil and cpython-3.11: speedup 1.00x (4 x 20.7 ms of work take 82.9 ms)
# simulate: free-threaded: speedup 4.00x (each thread 21.3 ms of CPU time, 0.63 ms of it reference counting)
# simulate: free-threaded --cores 2: speedup 2.00x (the threads take 4 ms turns on the 2 cores)
# simulate: python2-gil: speedup 0.30x (276.6 ms: the GIL changes hands at 56% of 132,000 battles, 1.47 us each)
# simulate: python2-gil --cores 1: speedup 1.00x (84.2 ms: the OS lets the waiter in every 4 ms)
import threading
import time

N = 300_000
results = []


def work(seed):
    total = 0
    for i in range(N):
        total += (i * seed) % 7
    return total


def run(seed):
    results.append(work(seed))


start = time.perf_counter()
threads = [threading.Thread(target=run, args=(k + 1,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
print(sorted(results))
print(f"4 threads: {elapsed:.3f} s")
