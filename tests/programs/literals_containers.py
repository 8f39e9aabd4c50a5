# Tuple, list and dict displays: empty, one element, nested, constant and not.
t0 = ()
t1 = (1,)
t2 = 1, 2
t3 = (1, "two", 3.0, None, True)
l0 = []
l1 = [1, 2, 3]
l2 = [[1, 2], [3, [4, 5]]]
d0 = {}
d1 = {"a": 1, "b": 2}
d2 = {1: "one", (1, 2): [3], "k": {"nested": True}}
print(t0, t1, t2, t3)
print(l0, l1, l2)
print(d0, d1, d2)
print(len(t3), len(l2), len(d2))


def build(x, y):
    t = (x, y)
    lst = [x, y, x + y]
    d = {"x": x, "y": y, "sum": x + y}
    mixed = [t, lst, d, (x,), []]
    return mixed


print(build(3, 4))
print(build("a", "b"))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: () (1,) (1, 2) (1, 'two', 3.0, None, True)
# expect: [] [1, 2, 3] [[1, 2], [3, [4, 5]]]
# expect: {} {'a': 1, 'b': 2} {1: 'one', (1, 2): [3], 'k': {'nested': True}}
# expect: 5 2 3
# expect: [(3, 4), [3, 4, 7], {'x': 3, 'y': 4, 'sum': 7}, (3,), []]
# expect: [('a', 'b'), ['a', 'b', 'ab'], {'x': 'a', 'y': 'b', 'sum': 'ab'}, ('a',), []]
