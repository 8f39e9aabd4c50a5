def make(n, *, scale=2, offset=0):
    return lambda x, y=n: (x + y) * scale + offset


add = make(1)
key = lambda item: item[1]
print(add(1), add(1, 2), sorted([(1, "b"), (2, "a")], key=key))
