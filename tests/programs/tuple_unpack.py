# Tuple packing and unpacking in assignments, for loops and returns.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
p, q, r = [10, 20, 30]
print(p + q + r)
(m, n), o = (1, 2), 3
print(m, n, o)


def min_max(values):
    return min(values), max(values)


lo, hi = min_max([4, 8, 1, 9])
print(lo, hi)
for i, (name, score) in enumerate([("ann", 90), ("ben", 75)]):
    print(i, name, score)


def rotate(a, b, c):
    a, b, c = b, c, a
    return a, b, c


print(rotate(1, 2, 3))
t = 1, 2, 3
first, second, third = t
print(first, third, t)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1 2
# expect: 2 1
# expect: x y z
# expect: 60
# expect: 1 2 3
# expect: 1 9
# expect: 0 ann 90
# expect: 1 ben 75
# expect: (2, 3, 1)
# expect: 1 3 (1, 2, 3)
