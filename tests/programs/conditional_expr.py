# Conditional expressions (a if cond else b), nested and inside other expressions.
x = 7
parity = "even" if x % 2 == 0 else "odd"
print(parity)
sign = "neg" if x < 0 else "zero" if x == 0 else "pos"
print(sign, "big" if x > 100 else "small")
print([("fizz" if i % 3 == 0 else str(i)) for i in range(1, 7)])


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def describe(n):
    kind = "many" if n > 1 else "one" if n == 1 else "none"
    return f"{n}: {kind}"


print(clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10))
for n in range(3):
    print(describe(n))


class Temp:
    def __init__(self, deg):
        self.deg = deg

    def feel(self):
        return "hot" if self.deg > 25 else ("cold" if self.deg < 10 else "mild")


print(Temp(30).feel(), Temp(5).feel(), Temp(15).feel())
print((1 if True else 2) + (3 if False else 4), abs(-3 if x else 3))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: odd
# expect: pos small
# expect: ['1', '2', 'fizz', '4', '5', 'fizz']
# expect: 0 5 10
# expect: 0: none
# expect: 1: one
# expect: 2: many
# expect: hot cold mild
# expect: 5 3
