# The built-in functions of the subset: len, range, str, int, repr, isinstance,
# list, dict, tuple, min, max, sum, abs, sorted, enumerate, zip.
nums = [5, -3, 8, 0, -1]
print(len(nums), len("four"), len((1, 2)), len({"a": 1}), len(range(10)))
print(min(nums), max(nums), min(4, 2, 9), max("b", "a"), sum(nums), sum(range(5)))
print(abs(-7), abs(3), abs(-2.5), abs(0))
print(sorted(nums), sorted(["pear", "fig", "apple"]), sorted(nums, reverse=True))
print(str(12), str(-1.5), str([1, "a"]), repr("a"), repr([1, "a"]))
print(int("17"), int(" 8 "), int(3.7), int(True), int("-0"))
print(isinstance(1, int), isinstance("s", str), isinstance([], list),
      isinstance((), tuple), isinstance({}, dict), isinstance(True, int))
print(list("abc"), list((1, 2)), tuple([3, 4]), dict([("k", 1)]))
print(list(enumerate(["x", "y"])), list(zip([1, 2], ["a", "b"])))


def stats(values):
    return {"n": len(values), "min": min(values), "max": max(values),
            "sum": sum(values), "abs": [abs(v) for v in values]}


print(stats(nums))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 5 4 2 1 10
# expect: -3 8 2 b 9 10
# expect: 7 3 2.5 0
# expect: [-3, -1, 0, 5, 8] ['apple', 'fig', 'pear'] [8, 5, 0, -1, -3]
# expect: 12 -1.5 [1, 'a'] 'a' [1, 'a']
# expect: 17 8 3 1 0
# expect: True True True True True True
# expect: ['a', 'b', 'c'] [1, 2] (3, 4) {'k': 1}
# expect: [(0, 'x'), (1, 'y')] [(1, 'a'), (2, 'b')]
# expect: {'n': 5, 'min': -3, 'max': 8, 'sum': 9, 'abs': [5, 3, 8, 0, 1]}
