# Every binary operator, at module level, in a function and in a method.
a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(a << b, a >> 2, a & b, a | b, a ^ b)


def ops(x, y):
    return [x + y, x - y, x * y, x / y, x // y, x % y, x ** 2,
            x << y, x >> 1, x & y, x | y, x ^ y]


print(ops(a, b))
print(ops(-9, 4))


class Calc:
    def __init__(self, x):
        self.x = x

    def apply(self, y):
        s = self.x
        return [s + y, s - y, s * y, s / y, s // y, s % y, s ** y,
                s << y, s >> y, s & y, s | y, s ^ y]


print(Calc(100).apply(3))
print("ab" + "cd", [1] + [2, 3], (1,) + (2,), "-" * 5, [0] * 3, 3 * (1, 2))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 22 12 85 3.4 3 2 289
# expect: 544 4 1 21 20
# expect: [22, 12, 85, 3.4, 3, 2, 289, 544, 8, 1, 21, 20]
# expect: [-5, -13, -36, -2.25, -3, 3, 81, -144, -5, 4, -9, -13]
# expect: [103, 97, 300, 33.333333333333336, 33, 1, 1000000, 800, 12, 0, 103, 103]
# expect: abcd [1, 2, 3] (1, 2) ----- [0, 0, 0] (1, 2, 1, 2, 1, 2)
