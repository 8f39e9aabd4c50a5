# expect-error: 2:8: a generator expression is not supported
t = sum(i for i in range(3))
