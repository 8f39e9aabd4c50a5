# nonlocal: rebinding a variable of the enclosing function.
def outer():
    x = 1
    log = []

    def inc():
        nonlocal x
        x += 1
        log.append(x)

    def set_to(v):
        nonlocal x
        x = v

    inc()
    inc()
    set_to(10)
    inc()
    return x, log


print(outer())


def make_accumulator(start):
    total = start

    def add(n):
        nonlocal total
        total = total + n
        return total

    return add


acc = make_accumulator(100)
acc(5)
acc(10)
print(acc(0), make_accumulator(0)(7))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: (11, [2, 3, 11])
# expect: 115 7
