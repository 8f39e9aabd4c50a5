# list.sort and sorted make exactly the comparisons of CPython's timsort
# (runs, binary insertion, powersort merges, galloping), observed through a
# logging __lt__, on lists of many shapes; an inconsistent and a raising
# comparison leave the same permutation as CPython.
seed = 12345


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n


log = []


class K:
    def __init__(self, v, tag):
        self.v = v
        self.tag = tag

    def __lt__(self, other):
        log.append(self.tag * 1000 + other.tag)
        return self.v < other.v


def checksum(xs):
    h = 0
    for x in xs:
        h = (h * 31 + x) % 1000000007
    return h


def shape(n, kind):
    if kind == 0:
        return [rand(1000) for _ in range(n)]
    if kind == 1:
        return [rand(5) for _ in range(n)]
    if kind == 2:
        return list(range(n))
    if kind == 3:
        return list(range(n, 0, -1))
    if kind == 4:
        xs = list(range(n))
        for _ in range(n // 10 + 1 if n else 0):
            i = rand(n)
            j = rand(n)
            xs[i], xs[j] = xs[j], xs[i]
        return xs
    if kind == 5:
        return [i % 7 for i in range(n)]
    return [(i * 37) % 101 for i in range(n)] + [5] * (n // 3)


for n in [0, 1, 2, 3, 5, 17, 64, 65, 130]:
    for kind in range(7):
        vals = shape(n, kind)
        log.clear()
        ks = [K(v, i) for i, v in enumerate(vals)]
        out = sorted(ks, reverse=(n + kind) % 3 == 0)
        print(n, kind, len(log), checksum(log), checksum([k.tag for k in out]))


class Flaky:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return rand(3) == 0


xs = [Flaky(i) for i in range(150)]
xs.sort()
print("inconsistent:", checksum([x.v for x in xs]), sorted([x.v for x in xs]) == list(range(150)))


class Boom:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Boom.calls += 1
        if Boom.calls == 700:
            raise ValueError("boom")
        return self.v < other.v


ys = [Boom(rand(50)) for i in range(200)]
try:
    ys.sort(reverse=True)
except ValueError as e:
    print("raised", e, checksum([y.v for y in ys]), len(ys))

zs = [3, 1, 2]
try:
    zs.sort(key=lambda x: zs.append(x) or x)
except ValueError as e:
    print(e, zs)
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]), sorted("hello world", key=str.upper, reverse=True))
