# Identity (is, is not) and membership (in, not in) tests.
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a is b, a is c, a == c, a is not c)
print(None is None, None is not None)
print(2 in a, 5 in a, 5 not in a)
print("ell" in "hello", "z" not in "hello")
print((1, 2) in [(1, 2), (3, 4)], 3 in (1, 2))
d = {"k": 1, "j": 2}
print("k" in d, 1 in d, "j" not in d)


def find(items, target):
    if target in items:
        return "found " + str(target)
    return "missing " + str(target)


def check(x):
    if x is None:
        return "none"
    if x is True:
        return "true"
    return "other"


print(find([4, 5, 6], 5), find([4, 5, 6], 7))
print(check(None), check(True), check(1))


class Bag:
    def __init__(self):
        self.items = ["x", "y"]

    def has(self, v):
        return v in self.items


print(Bag().has("x"), Bag().has("q"))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: True False True True
# expect: True False
# expect: True False True
# expect: True True
# expect: True False
# expect: True False False
# expect: found 5 missing 7
# expect: none true other
# expect: True False
