# native_release.py: work done in C, holding the GIL or releasing it, in 4 threads.
# teaches: C code called from Python (NumPy, hashlib, zlib on large buffers) can release the GIL
# teaches: while it works on its own data: then 4 threads on 4 cores do that work in parallel
# teaches: C code that keeps the GIL serializes the threads as much as Python code does
# teaches: runs only under gilsim: `import gilsim` and gilsim.native(ms, release_gil) model the C call
# simulate: gilsim simulate examples/native_release.py (holding: 40 ms; releasing: 10 ms)
import threading
import time

import gilsim


def hash_block(release):
    gilsim.native(10, release_gil=release)  # 10 ms of C work on a block of data


for release in (False, True):
    start = time.perf_counter()
    threads = [threading.Thread(target=hash_block, args=(release,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    how = "releasing the GIL" if release else "holding the GIL"
    print(f"4 threads, 10 ms of C work each, {how}: {(time.perf_counter() - start) * 1e3:.1f} ms")
