def check(x):
    assert x > 0, "x must be positive"
    assert x, f"x is {x}"
    assert isinstance(x, int)
    if x > 100:
        raise ValueError
    if x > 50:
        raise ValueError("big") from None
    return x


print(check(1))
