# assert with and without a message; a failing assert raises AssertionError.
x = 5
assert x > 0, "x must be positive"
try:
    assert x < 0, "x is " + str(x)
except AssertionError as e:
    print("caught:", e)
try:
    assert not x
except AssertionError as e:
    print("no message:", repr(e))


def checked_sqrt(n):
    assert isinstance(n, int), f"not an int: {n!r}"
    assert n >= 0, "negative input"
    r = 0
    while (r + 1) * (r + 1) <= n:
        r += 1
    return r


class Stack:
    def __init__(self):
        self.items = []

    def pop(self):
        assert len(self.items) > 0, "pop from empty stack"
        return self.items.pop()


for bad in [50, -4, "9"]:
    try:
        print(checked_sqrt(bad))
    except AssertionError as e:
        print("assertion:", e)
try:
    Stack().pop()
except AssertionError as e:
    print(e)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: caught: x is 5
# expect: no message: AssertionError()
# expect: 7
# expect: assertion: negative input
# expect: assertion: not an int: '9'
# expect: pop from empty stack
