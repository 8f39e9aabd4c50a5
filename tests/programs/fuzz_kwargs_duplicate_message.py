# f(**a, **b) with a key in both: the TypeError names the function by __module__ and __qualname__.
def f(a, d):
    return a


def outer():
    def g(**kw):
        return kw
    return g


for fn in [f, outer(), print]:
    try:
        fn(1, **{"d": 1}, **{"d": 2})
    except TypeError as e:
        print(e)

# expect: __main__.f() got multiple values for keyword argument 'd'
# expect: __main__.outer.<locals>.g() got multiple values for keyword argument 'd'
# expect: print() got multiple values for keyword argument 'd'
