def outer(a, b=2):
    c = a + b

    def middle(d):
        def inner():
            nonlocal c
            c += d
            return a, c

        return inner

    return middle


f = outer(1)(10)
print(f(), f())


def counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


inc = counter()
inc()
print(inc(5))
