a + b - c
a * b / c // d % e @ f
a ** b ** c
-a ** b
-2 ** 2
(-2) ** 2
2 ** -1
~a + -b - +c
not a
not not a
a and b and c
a or b or c
a and b or c and d
a or b and c
not a and b
a | b ^ c & d
a << b >> c
a < b <= c > d >= e == f != g
a in b
a not in b
a is b
a is not b
a < b < c
x if y else z
x if y else z if w else v
(x if y else z) if w else v
a + (b + c)
(a + b) + c
((a))
(a) + (b)
a if b else lambda: c
lambda: a if b else c
await_ = 1
async def f():
    await a
    await a.b()
    x = await b ** 2
    -await c
    [await d for e in f]
