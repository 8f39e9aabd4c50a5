# cpu_bound_processes.py: the work of cpu_bound_threads.py in 4 processes instead of threads.
# teaches: each process has its own interpreter and its own GIL, so the processes really run in
# teaches: parallel: with enough work each (raise N) 4 processes on 4 cores take about a quarter of
# teaches: the sequential time; at this small N starting a process costs more than the work itself
# teaches: processes share no memory, so each prints its own result; order and times vary per run
import multiprocessing
import time

N = 100_000


def work(seed):
    total = 0
    for i in range(N):
        total += (i * seed) % 7
    return total


def child(seed):
    print("process", seed, "computed", work(seed))


if __name__ == "__main__":
    start = time.perf_counter()
    for k in range(4):
        work(k + 1)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    procs = [multiprocessing.Process(target=child, args=(k + 1,)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    parallel = time.perf_counter() - start
    print(f"sequential {sequential:.3f} s, 4 processes {parallel:.3f} s")
