# Float arithmetic, mixed int/float operations and comparisons.
x = 2.5
y = 4
print(x + y, x - y, x * y, x / y)
print(x ** 2, y ** 0.5, 2 ** 0.5)
print(x // 1, x % 1)
print(x == 2.5, y == 4.0, 1 == 1.0, 0.1 + 0.2 == 0.3)
print(max(1, 2.5, 2), min(3.0, -1, 2), abs(-3.75))


def mean(values):
    total = 0.0
    for v in values:
        total += v
    return total / len(values)


print(mean([1, 2, 3, 4]))
print(mean([0.1, 0.2, 0.3]))
print(sum([0.5, 0.25, 0.125]))
print(int(3.999), int(-0.5), int("-42"), str(2.0))
print(1e308 * 10, -1e308 * 10)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 6.5 -1.5 10.0 0.625
# expect: 6.25 2.0 1.4142135623730951
# expect: 2.0 0.5
# expect: True True True False
# expect: 2.5 -1 3.75
# expect: 2.5
# expect: 0.20000000000000004
# expect: 0.875
# expect: 3 0 -42 2.0
# expect: inf -inf
