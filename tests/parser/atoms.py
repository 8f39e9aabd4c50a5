x
True
False
None
...
0
1
123_456
0x1F
0XdeadBEEF
0o17
0O7
0b1011
0B1_0
0_0
00
1.5
1.
.5
1e10
1E-5
1.5e+3
1_000.000_1
0.0
1e308
1e309
10000000000000000000000000000000000000000000000
0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF
()
(1,)
(1, 2)
(1, 2,)
[]
[1]
[1, 2,]
[*a, *b]
{}
{1}
{1, 2,}
{*a, b}
{1: 2}
{1: 2, 3: 4,}
{**a}
{**a, 'b': 1, **c}
{a: b for a, b in c}
{a for a in b}
[a for a in b]
(a for a in b)
[a for a in b if c if d for e in f if g]
[(a, b) for a in c for b in d]
[x := 1, y := 2]
{x := 1}
[y for x in z if (y := x)]
[[a for a in b] for b in c]
(yield)
(*a, b)
