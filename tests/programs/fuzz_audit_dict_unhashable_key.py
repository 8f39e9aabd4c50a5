# Building a dict with an unhashable key raises TypeError without leaking the dict or the pairs (run --audit found leaks).
for f in [lambda: {[1]: 2}, lambda: dict([([1], 2)]), lambda: dict(zip([[1]], "a"))]:
    try:
        f()
    except TypeError as e:
        print(e)

# expect: unhashable type: 'list'
# expect: unhashable type: 'list'
# expect: unhashable type: 'list'
