pass
x = 1; y = 2; z = 3;
global g
global g1, g2
def f():
    nonlocal_x = 1
    def h():
        nonlocal nonlocal_x
        nonlocal a, b
del x
del x, y
del (x), [y]
del (x, y)
del [x, y]
del a.b, a[0], a[1:2]
del x,
assert x
assert x, "message"
assert (x, y)
raise
raise E
raise E("m") from None
return_ = 1
def r():
    return
    return 1
    return 1, 2
    return *a, b
    return (yield)
break_ = continue_ = pass_ = None
