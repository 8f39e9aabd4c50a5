def g():
    yield
    yield 1
    yield 1, 2
    yield *a, b
    yield from g()
    x = yield
    x = yield 1
    x = yield from y
    await_x = (yield)
    f((yield))
    return (yield from z)
    print((yield 1))
    yield (yield)
    x += yield
