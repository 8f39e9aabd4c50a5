with a:
    pass
with a as b:
    pass
with a as b, c as d:
    pass
with a, b:
    pass
with (a, b):
    pass
with (a as b, c as d):
    pass
with (a as b, c as d,):
    pass
with (a, b) as c:
    pass
with (yield):
    pass
with (a):
    pass
with (a for a in b):
    pass
with open(f) as (x, y):
    pass
with a as [x, *y]:
    pass
with a as x.y, b as z[0]:
    pass
with (
    open("a") as f,
    open("b") as g,
):
    pass
with a: pass
