# Dict views: keys(), values() and items() are live, sized, re-iterable; keys and items compare like sets.
d = {"a": 1, "b": 2}
k = d.keys()
print(k, d.values(), d.items(), len(k), bool({}.keys()), "a" in k, ("a", 1) in d.items(), ("a", 2) in d.items(), 2 in d.values())
d["c"] = 3
print(k, list(k), list(k), sorted(d.items(), reverse=True))
print(d.keys() == {"c": 0, "b": 0, "a": 9}.keys(), d.items() == {"a": 1}.items(), d.keys() != d.keys(), d.values() == d.values())
print({"a": 1}.keys() < d.keys(), d.keys() <= d.keys(), d.keys() > {"a": 1}.keys(), d.items() >= {"a": 1}.items())
print(type(k).__name__, type(d.values()).__name__, type(d.items()).__name__)
for x, y in d.items():
    print(x, y)
it = iter(k)
next(it)
d["z"] = 0
try:
    next(it)
except RuntimeError as e:
    print(e)
