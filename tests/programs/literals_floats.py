# Float literals and how they print (shortest repr).
a = 1.0
b = 0.5
c = 3.14159
d = 1e10
e = 1.5e-7
f = 1e100
g = 123456789012345678.0
h = 1_000.5
print(a, b, c)
print(d, e, f)
print(g, h)
print(0.1 + 0.2, 1 / 3, 2 / 3)
print(1e16, 1e15, 1e-4, 1e-5)
print(-0.0, 0.0, 5.0 * 0)
print(7 * 1.0, int(7.9), int(-7.9))


def halves(n):
    out = []
    x = 1.0
    for i in range(n):
        out.append(x)
        x = x / 2
    return out


print(halves(6))
print(isinstance(2.5, float), 7 / 7, 10 / 4)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1.0 0.5 3.14159
# expect: 10000000000.0 1.5e-07 1e+100
# expect: 1.2345678901234568e+17 1000.5
# expect: 0.30000000000000004 0.3333333333333333 0.6666666666666666
# expect: 1e+16 1000000000000000.0 0.0001 1e-05
# expect: -0.0 0.0 0.0
# expect: 7.0 7 -7
# expect: [1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125]
# expect: True 1.0 2.5
