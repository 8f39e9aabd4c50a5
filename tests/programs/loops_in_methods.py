# Loops and accumulation inside methods that read and write instance attributes.
class Stats:
    def __init__(self, values):
        self.values = values
        self.count = 0
        self.total = 0

    def accumulate(self):
        for v in self.values:
            self.count += 1
            self.total += v
        return self

    def mean(self):
        return self.total / self.count

    def above(self, threshold):
        result = []
        i = 0
        while i < len(self.values):
            if self.values[i] > threshold:
                result.append(self.values[i])
            i += 1
        return result


s = Stats([4, 8, 15, 16, 23, 42]).accumulate()
print(s.count, s.total, s.mean(), s.above(15))
t = Stats([])
print(t.accumulate().count, t.above(0))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 6 108 18.0 [16, 23, 42]
# expect: 0 []
