# Dicts: display, subscript get/set, membership, get, len, del, update in place.
d = {"a": 1, "b": 2}
d["c"] = 3
d["a"] = 10
print(d, len(d), d["b"])
print("c" in d, "z" in d, d.get("z"), d.get("z", 0), d.get("a", 0))
del d["b"]
print(d)
d[(1, 2)] = "tuple key"
d[5] = [5]
d[5].append(6)
print(d[(1, 2)], d[5], d)


def invert(mapping):
    out = {}
    for k, v in mapping.items():
        out[v] = k
    return out


print(invert({"x": 1, "y": 2, "z": 3}))


class Registry:
    def __init__(self):
        self.entries = {}

    def add(self, key, value):
        if key in self.entries:
            return False
        self.entries[key] = value
        return True


r = Registry()
print(r.add("k", 1), r.add("k", 2), r.entries)
print(list(r.entries.keys()), list(r.entries.values()), dict(a=1, b=2))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: {'a': 10, 'b': 2, 'c': 3} 3 2
# expect: True False None 0 10
# expect: {'a': 10, 'c': 3}
# expect: tuple key [5, 6] {'a': 10, 'c': 3, (1, 2): 'tuple key', 5: [5, 6]}
# expect: {1: 'x', 2: 'y', 3: 'z'}
# expect: True False {'k': 1}
# expect: ['k'] [1] {'a': 1, 'b': 2}
