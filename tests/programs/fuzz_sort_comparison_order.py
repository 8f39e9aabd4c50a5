# sorted makes the same __lt__ calls as CPython's timsort (binary insertion for short lists), observable from a logging __lt__.
log = []


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        log.append((self.v, other.v))
        return self.v < other.v


print([k.v for k in sorted([K(v) for v in [5, 3, 8, 1]])])
print(log)

# expect: [1, 3, 5, 8]
# expect: [(3, 5), (8, 3), (8, 5), (1, 5), (1, 3)]
