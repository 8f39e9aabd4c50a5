# Converting between ints and strings: int(), str(), repr(), digit arithmetic.
print(int("0"), int("-123"), int("+45"), int("1_000"))
print(int("ff", 16), int("777", 8), int("1010", 2), int("z", 36))
print(str(0), str(-0), str(10 ** 20), repr(10 ** 20), str(-(2 ** 65)))


def to_base(n, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = ""
    if n < 0:
        sign = "-"
        n = -n
    out = ""
    while n > 0:
        out = digits[n % base] + out
        n //= base
    return sign + out


def digit_sum(n):
    total = 0
    for ch in str(n):
        total += int(ch)
    return total


print(to_base(255, 2), to_base(255, 16), to_base(-100, 7), to_base(2 ** 64, 36))
print(digit_sum(2 ** 100), digit_sum(0), len(str(3 ** 200)))
print(int(str(54321)) + 1, str(int("007")), int(str(-5)) * 2)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 0 -123 45 1000
# expect: 255 511 10 35
# expect: 0 0 100000000000000000000 100000000000000000000 -36893488147419103232
# expect: 11111111 ff -202 3w5e11264sgsg
# expect: 115 0 96
# expect: 54322 7 -10
