# sys.getrefcount of instances, self inside methods, bound methods and closures.
import sys


class Box:
    def __init__(self, v):
        self.v = v
        print("init", sys.getrefcount(self))

    def count_self(self):
        return sys.getrefcount(self)

    @property
    def prop(self):
        return sys.getrefcount(self)

    def __repr__(self):
        return "Box(%d)" % sys.getrefcount(self)


box = Box([7])
print(sys.getrefcount(box))
print(box.count_self())
m = box.count_self
print(sys.getrefcount(box))
print(m())
del m
print(box.prop)
print(repr(box))
print(sys.getrefcount(box.v))
other = Box(box.v)
print(sys.getrefcount(box.v))


def make_counter():
    items = []

    def add(x):
        items.append(x)
        return sys.getrefcount(items)

    return add, items


add, items = make_counter()
print(add(1))
print(sys.getrefcount(items))
del add
print(sys.getrefcount(items))


def with_default(x=[]):
    return sys.getrefcount(x)


print(with_default())
lst = [[1], [2], [3]]
for item in lst:
    print(sys.getrefcount(item))
print(sys.getrefcount(lst))
it = iter(lst)
print(sys.getrefcount(lst))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: init 3
# expect: 2
# expect: 3
# expect: 3
# expect: 4
# expect: 4
# expect: Box(4)
# expect: 2
# expect: init 3
# expect: 3
# expect: 3
# expect: 3
# expect: 2
# expect: 3
# expect: 3
# expect: 3
# expect: 3
# expect: 2
# expect: 3
