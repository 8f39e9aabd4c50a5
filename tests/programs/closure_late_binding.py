# Closures capture variables, not values: all see the last value of the cell.
def make_funcs():
    funcs = []
    for i in range(4):
        def f():
            return i * 10
        funcs.append(f)
    return funcs


results = []
for fn in make_funcs():
    results.append(fn())
print(results)


def snapshot():
    x = 1

    def read():
        return x

    first = read()
    x = 2
    second = read()
    return first, second


print(snapshot())


def counter_in_comprehension(n):
    base = 100
    return [base + k for k in range(n)]


print(counter_in_comprehension(4))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [30, 30, 30, 30]
# expect: (1, 2)
# expect: [100, 101, 102, 103]
