# try/finally around break in a module-level while loop and in a method's for loop.
n = 0
while True:
    try:
        n += 1
        if n == 3:
            break
    finally:
        print("iteration", n)
print("done", n)


class Worker:
    def __init__(self):
        self.cleanups = 0

    def process(self, items):
        handled = []
        for item in items:
            try:
                if item is None:
                    continue
                if item < 0:
                    break
                handled.append(item * 2)
            finally:
                self.cleanups += 1
        return handled


w = Worker()
print(w.process([1, None, 2, -1, 3]), w.cleanups)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: iteration 1
# expect: iteration 2
# expect: iteration 3
# expect: done 3
# expect: [2, 4] 4
