# A list used as a key of an EMPTY dict still raises TypeError: unhashable type.
d = {}
for f in [lambda: d[[1]], lambda: d.get([1]), lambda: [1] in d, lambda: d.pop([1], 0)]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)

# expect: TypeError unhashable type: 'list'
# expect: TypeError unhashable type: 'list'
# expect: TypeError unhashable type: 'list'
# expect: 0
