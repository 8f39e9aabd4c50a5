# dict.fromkeys builds a dict from an iterable of keys and one value.
print(dict.fromkeys("ab", 0), dict.fromkeys([1, 2]), {}.fromkeys(("x",), []))

# expect: {'a': 0, 'b': 0} {1: None, 2: None} {'x': []}
