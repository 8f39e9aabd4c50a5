# A closure keeps its own counter; separate closures do not share it.
def make_counter():
    count = 0

    def counter():
        nonlocal count
        count += 1
        return count

    return counter


def make_multiplier(factor):
    def multiply(x):
        return x * factor

    return multiply


def make_pair():
    shared = [0]

    def get():
        return shared[0]

    def put(v):
        shared[0] = v

    return get, put


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2(), c2(), c1())
double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double(triple(2)))
getter, putter = make_pair()
putter(42)
print(getter())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1 2 3 1 2 4
# expect: 10 15 12
# expect: 42
