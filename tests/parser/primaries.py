a.b
a.b.c
a()
a(b)
a(b, c)
a(b)(c)
a[b]
a[b][c]
a.b(c)[d].e
a(*b)
a(**b)
a(x=1)
a(b, *c, d, e=1, *f, **g, h=2)
a(b for b in c)
a((b for b in c))
a((b for b in c), d)
a(x := 1)
a(b, x := 1)
(a).b
(a)(b)
(a)[b]
(a.b).c
a[1:2]
a[1:]
a[:2]
a[:]
a[::]
a[::2]
a[1:2:3]
a[1:2, 3]
a[1:2, ::3]
a[1, 2]
a[1,]
a[(1, 2)]
a[*b]
a[*b, c]
a[x := 1]
a[b:c, *d]
a[lambda: 1]
a[b if c else d:e]
f(a)(b)(c).d[e]
x = a.b.c.d.e.f.g
