# cpu_bound_processes.py: the work of cpu_bound_threads.py in 4 processes instead of threads.
# teaches: each process has its own interpreter and its own GIL, so the processes really run in
# teaches: parallel: with enough work each, 4 processes on 4 cores take about a quarter of the time
# teaches: starting a process costs milliseconds (13.6 ms with fork on the machine gilsim was measured on),
# teaches: so with little work each, processes lose to doing the work in one thread
# teaches: processes share no memory, so each prints its own result; the order varies per run
# simulate: gilsim simulate examples/cpu_bound_processes.py --svg processes.svg
# simulate: speedup 3.59x under gil: each process computes for 138.0 ms after a 13.6 ms start
import multiprocessing
import time

N = 2_000_000


def work(seed):
    total = 0
    for i in range(N):
        total += (i * seed) % 7
    return total


def child(seed):
    print("process", seed, "computed", work(seed))


if __name__ == "__main__":
    start = time.perf_counter()
    procs = [multiprocessing.Process(target=child, args=(k + 1,)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"4 processes: {time.perf_counter() - start:.3f} s")
