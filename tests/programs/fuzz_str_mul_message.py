# Multiplying a sequence by a non-int: TypeError "can't multiply sequence by non-int of type ...".
for a, b in [("a", "b"), ([1], [1]), ((1,), 2.0), (3.5, "x")]:
    try:
        print(a * b)
    except TypeError as e:
        print(e)

# expect: can't multiply sequence by non-int of type 'str'
# expect: can't multiply sequence by non-int of type 'list'
# expect: can't multiply sequence by non-int of type 'float'
# expect: can't multiply sequence by non-int of type 'float'
