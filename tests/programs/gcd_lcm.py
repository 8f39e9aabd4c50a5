# Euclid's algorithm iteratively and recursively, lcm, and reducing fractions.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def gcd_rec(a, b):
    return a if b == 0 else gcd_rec(b, a % b)


def lcm(a, b):
    return a * b // gcd(a, b)


class Fraction:
    def __init__(self, num, den):
        g = gcd(abs(num), abs(den))
        if den < 0:
            g = -g
        self.num = num // g
        self.den = den // g

    def add(self, other):
        return Fraction(self.num * other.den + other.num * self.den, self.den * other.den)

    def show(self):
        return f"{self.num}/{self.den}"


print(gcd(48, 18), gcd_rec(48, 18), gcd(17, 5), lcm(4, 6), lcm(21, 6))
print(gcd(2 ** 100, 6 ** 40), lcm(2 ** 64, 3 ** 5))
total = Fraction(0, 1)
for d in range(1, 7):
    total = total.add(Fraction(1, d))
print(total.show(), Fraction(6, -8).show())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 6 6 1 12 42
# expect: 1099511627776 4482558809911421042688
# expect: 49/20 -3/4
