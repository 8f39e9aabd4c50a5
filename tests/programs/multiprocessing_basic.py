# Processes run a function in a separate interpreter; each is started and joined
# in turn, so the output order is fixed.
import multiprocessing


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    print("child computed", total)


if __name__ == "__main__":
    for n in [10, 100, 1000]:
        p = multiprocessing.Process(target=work, args=(n,))
        p.start()
        p.join()
        print("exit code", p.exitcode)
    print("parent done")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: child computed 285
# expect: exit code 0
# expect: child computed 328350
# expect: exit code 0
# expect: child computed 332833500
# expect: exit code 0
# expect: parent done
