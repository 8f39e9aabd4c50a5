# Constructs that are rarer inside methods, where `self` is LOAD_FAST: with ... as,
# del of a local, bare raise, bare except, float and big literals, chained
# comparisons, format specs, `not`, and `pass`.
import threading


class Meter:
    def __init__(self):
        self.lock = threading.Lock()
        self.readings = []

    def record(self, value):
        with self.lock as held:
            if not 0.0 <= value <= 1e6:
                raise ValueError(f"bad reading {value:>8}")
            self.readings.append(value)
        tmp = len(self.readings)
        del tmp
        return held

    def record_all(self, values):
        bad = 0
        for v in values:
            try:
                self.record(v)
            except ValueError:
                bad += 1
            except:
                raise
        return bad

    def summary(self):
        if len(self.readings) == 0:
            pass
        mean = sum(self.readings) / len(self.readings)
        return f"{mean:.2f} {len(self.readings)} {99999999999999999999999 % 1000}"


m = Meter()
print(m.record(2.5), m.record_all([1.5, -3.0, 2e6, 4.25]), m.summary())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: True 2 2.75 3 999
