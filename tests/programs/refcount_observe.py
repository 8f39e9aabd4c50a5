# sys.getrefcount observes reference counts: names, containers, and arguments
# each hold one reference (the call's own argument adds one more).
import sys

a = []
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
holder = [a, a]
print(sys.getrefcount(a))
del b
holder.pop()
print(sys.getrefcount(a))


def inside():
    local = []
    first = sys.getrefcount(local)
    other = local
    second = sys.getrefcount(local)
    del other
    return first, second, sys.getrefcount(local)


print(inside())


class Box:
    def __init__(self, item):
        self.item = item


box = Box(a)
print(sys.getrefcount(a))
box.item = None
print(sys.getrefcount(a))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2
# expect: 3
# expect: 5
# expect: 3
# expect: (2, 3, 2)
# expect: 4
# expect: 3
