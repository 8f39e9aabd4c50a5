# Every shape of parameter list.
def f0(): pass
def f1(a): pass
def f2(a, b=1): pass
def f3(a, /): pass
def f4(a, /, b): pass
def f5(a, b=2, /, c=3): pass
def f6(a, /, b, *, c): pass
def f7(*args): pass
def f8(**kwargs): pass
def f9(*args, **kwargs): pass
def f10(a, *args, b, c=1, d, **kwargs): pass
def f11(*, a, b=2): pass
def f12(a: int, b: "str" = "x", *args: tuple, c: float = 1.0, **kw: dict) -> None: pass
def f13(a, b, /, c, d, *, e, f): pass
def f14(a=1, /, b=2, *, c): pass
def f15(
    a,
    b: int = 3,
    *,
    c,
): pass
def f16(a, b,): pass
def f17(*args: *Ts): pass
def f18(a, /, *args): pass
def f19(a, /, **kw): pass
lambda: 0
lambda x: x
lambda x, y=1: x + y
lambda *a, **k: (a, k)
lambda a, /, b, *, c: 0
lambda *, k=1: k
lambda x=lambda: 1: x
