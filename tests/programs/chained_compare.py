# Chained comparisons: evaluated left to right, each operand at most once.
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6)
print(1 == 1 == 1, 1 == 1 != 2, 3 > 2 > 1 > 0)
print("a" < "b" <= "b" < "c")
calls = []


def val(v):
    calls.append(v)
    return v


print(val(1) < val(2) < val(3))
print(val(3) < val(2) < val(1))
print(calls)


def in_range(lo, v, hi):
    return lo <= v < hi


for v in [-1, 0, 5, 9, 10]:
    print(v, in_range(0, v, 10), 0 < v != 5 < 100)


class Box:
    def __init__(self, v):
        self.v = v

    def between(self, lo, hi):
        return lo < self.v < hi


print(Box(3).between(1, 4), Box(3).between(3, 4))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: True False True
# expect: True True True
# expect: True
# expect: True
# expect: False
# expect: [1, 2, 3, 3, 2]
# expect: -1 False False
# expect: 0 True False
# expect: 5 True False
# expect: 9 True True
# expect: 10 False True
# expect: True False
