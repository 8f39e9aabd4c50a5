if (n := len(a)) > 10:
    pass
while (line := f.readline()):
    pass
[y := f(x), y**2]
print(x := 1)
foo(a, b := 2)
(x := 1)
x = (y := 2)
def f(a=(b := 1)): pass
{k: (v := k) for k in d}
[x for x in y if (z := x)]
a[(b := 1)]
