# Unary operators: -, +, ~, not, on names, constants and expressions.
x = 5
y = -x
z = +x
w = ~x
n = not x
print(x, y, z, w, n)
print(-(-x), ~~x, not not x, -~x, ~-x)
print(-2 ** 2, (-2) ** 2, -x ** 2)
print(-1.5, +2.5, -True, ~False, not None)
print(-(2 ** 80), ~(2 ** 80))


def negate_all(values):
    out = []
    for v in values:
        out.append(-v)
    return out


def invert(v):
    return ~v, not v, +v


print(negate_all([1, -2, 3.5, 0]))
print(invert(0), invert(7))


class Num:
    def __init__(self, v):
        self.v = v

    def neg(self):
        return -self.v


print(Num(9).neg())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 5 -5 5 -6 False
# expect: 5 5 True 6 4
# expect: -4 4 -25
# expect: -1.5 2.5 -1 -1 True
# expect: -1208925819614629174706176 -1208925819614629174706177
# expect: [-1, 2, -3.5, 0]
# expect: (-1, True, 0) (-8, False, 7)
# expect: -9
