# Expressions the compiler folds into constants, and ones it must not fold.
a = 2 ** 10
b = -1
c = 1 << 70
d = (1, 2) + (3,)
e = "a" * 3
f = "ab" + "cd"
g = 7 // 2, 7 % 3, -(5)
h = not True
i = ~0
j = 2 ** 200
k = "x" * 5000
m = (1, (2, 3), "four")[1]
n = 3 * 1.5
o = 1 / 0.5
print(a, b, c, d, e, f, g, h, i)
print(j)
print(len(k), m, n, o)


def folded():
    return 60 * 60 * 24, (1, 2) * 2, 1 - 2 - 3, 2 ** 3 ** 2


print(folded())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1024 -1 1180591620717411303424 (1, 2, 3) aaa abcd (3, 1, -5) False -1
# expect: 1606938044258990275541962092341162602522202993782792835301376
# expect: 5000 (2, 3) 4.5 2.0
# expect: (86400, (1, 2, 1, 2), -4, 512)
