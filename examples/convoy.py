# convoy.py: an I/O-bound thread beside a CPU-bound one: the convoy effect.
# teaches: a thread that does I/O gives up the GIL at every operation and must win it back after;
# teaches: beside a CPU-bound thread that never blocks, winning it back takes a whole switch
# teaches: interval (5 ms: the waiter asks, the holder drops it at its next check), so each
# teaches: 0.2 ms operation takes about 5 ms: 20 times slower than alone (David Beazley, 2010)
# teaches: under free-threaded the I/O thread runs on its own core and keeps its speed
# simulate: gilsim simulate examples/convoy.py (gil: about 25x slower; free-threaded: about 1x)
import threading
import time

OPS = 20
IO = 0.0002  # each operation waits 0.2 ms, as a read from a socket would
stop = False
latency = []


def io_worker():
    start = time.perf_counter()
    for _ in range(OPS):
        time.sleep(IO)
    latency.append((time.perf_counter() - start) / OPS)


def spin():
    n = 0
    while not stop:
        n += 1


alone = threading.Thread(target=io_worker)
alone.start()
alone.join()
cpu = threading.Thread(target=spin)
cpu.start()
beside = threading.Thread(target=io_worker)
beside.start()
beside.join()
stop = True
cpu.join()
print(f"I/O operation alone: {latency[0] * 1e3:.2f} ms")
print(f"beside a CPU-bound thread: {latency[1] * 1e3:.2f} ms ({latency[1] / latency[0]:.0f} times as long)")
