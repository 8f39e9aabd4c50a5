# Closures three levels deep; free variables passing through a middle function.
def level1(a):
    b = a * 10

    def level2(c):
        d = c + 1

        def level3(e):
            return a + b + c + d + e

        return level3

    return level2


def outer():
    value = "outer"

    def middle():
        def inner():
            nonlocal value
            value = value + "+inner"
            return value

        return inner()

    return middle(), value


def builders():
    fns = []
    for i in range(3):
        def show(j=i):
            return j
        fns.append(show)
    return [fn() for fn in fns]


f = level1(1)(2)
print(f(3), f(100), outer(), builders())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 19 116 ('outer+inner', 'outer+inner') [0, 1, 2]
