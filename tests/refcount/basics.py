# sys.getrefcount of objects the program creates: globals, locals, containers.
import sys

a = [1, 2, 3]
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
holder = [a, a]
print(sys.getrefcount(a))
d = {"k": a}
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
holder.pop()
print(sys.getrefcount(a))
d.clear()
print(sys.getrefcount(a))
t = (a, a, a)
print(sys.getrefcount(a))
del t
print(sys.getrefcount(a))

big = 2 ** 100
print(sys.getrefcount(big))
s = "ab" * 40
print(sys.getrefcount(s))
f = float("1.5") * 3
print(sys.getrefcount(f))
e = {}
print(sys.getrefcount(e))
print(sys.getrefcount([]))


def local_counts(x):
    y = x
    print(sys.getrefcount(x))
    z = [x]
    print(sys.getrefcount(y))
    return z


r = local_counts(a)
print(sys.getrefcount(a))
r = None
print(sys.getrefcount(a))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2
# expect: 3
# expect: 5
# expect: 6
# expect: 5
# expect: 4
# expect: 3
# expect: 6
# expect: 3
# expect: 2
# expect: 4
# expect: 2
# expect: 2
# expect: 1
# expect: 5
# expect: 6
# expect: 4
# expect: 3
