def f(a, b, *args, c=3, **kwargs):
    return a, b, args, c, kwargs


args = (1, 2, 3)
kw = {"e": 4, "d": 5}
print(f(*args))
print(f(1, *args, c=9, **kw))
print(f(1, 2, x=1, y=2))
first, *rest = [1, 2, 3]
a, (b, c) = 1, (2, 3)
x, y = y2, x2 = 1, 2
print(first, rest, a, b, c, x, y, x2, y2, args[1:], args[::-1], args[0:2:1])
