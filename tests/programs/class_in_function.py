# A class defined inside a function, whose body and methods read the function's locals.
def make_class(tag, start):
    step = 5

    class Counter:
        label = tag
        first = start

        def __init__(self):
            self.n = start

        def advance(self):
            self.n += step
            return self.n

    return Counter


C = make_class("c", 10)
obj = C()
print(C.label, C.first, obj.advance(), obj.advance())
D = make_class("d", 0)
print(D.label, D().advance(), C().advance())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: c 10 15 20
# expect: d 5 15
