x = 1
x = y = z = 2
a, b = b, a
(a, b) = 1, 2
[a, b] = [1, 2]
a, *b = c
*a, b = c
[a, [b, *c]] = d
a.b = 1
a[0] = 1
a[1:2] = b
a.b.c[d].e = f
(a) = 1
((a)) = 1
(a.b) = 1
x = yield
x = yield y
x = yield from y
x = *a, *b
x = a, = b
a = b, c = d
x += 1
x -= 1
x *= 1
x @= 1
x /= 1
x %= 1
x &= 1
x |= 1
x ^= 1
x <<= 1
x >>= 1
x **= 1
x //= 1
a.b += 1
a[0] += 1
(a) += 1
x += yield
x: int
x: int = 1
(x): int = 1
a.b: int
a[0]: int = 1
x: list[int] = []
x: "annotation" = yield
x: int = 1, 2
