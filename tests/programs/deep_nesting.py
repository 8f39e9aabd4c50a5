# Deeply nested blocks: loops in conditionals in try in with in functions in classes.
import threading

lock = threading.Lock()


class Analyzer:
    def __init__(self, rows):
        self.rows = rows
        self.report = {}

    def run(self):
        with lock:
            for i in range(len(self.rows)):
                row = self.rows[i]
                try:
                    for v in row:
                        if v is None:
                            continue
                        elif v < 0:
                            if i % 2 == 0:
                                raise ValueError(f"row {i}")
                            else:
                                break
                        else:
                            while v > 9:
                                v = v // 10
                            self.report[i] = self.report.get(i, 0) + v
                except ValueError as e:
                    self.report[i] = str(e)
                finally:
                    if i not in self.report:
                        self.report[i] = "empty"
        return self.report


a = Analyzer([[1, 23, None, 456], [-1, 5], [7, -2, 8], [], [99, 100]])
print(a.run())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: {0: 7, 1: 'empty', 2: 'row 2', 3: 'empty', 4: 10}
