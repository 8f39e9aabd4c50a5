# with on a user-defined context manager: __enter__, __exit__, the as target,
# exceptions passed to __exit__ and suppressed by returning True.
class Tracer:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return "<" + self.name + ">"

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type is not None)
        return self.suppress


with Tracer("a") as value:
    print("body", value)
with Tracer("b", True):
    print("about to fail")
    raise ValueError("boom")
print("after suppressed error")
try:
    with Tracer("c"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))


def use():
    with Tracer("d") as v:
        return v + "!"


print(use())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: enter a
# expect: body <a>
# expect: exit a False
# expect: enter b
# expect: about to fail
# expect: exit b True
# expect: after suppressed error
# expect: enter c
# expect: exit c True
# expect: caught KeyError('k')
# expect: enter d
# expect: exit d False
# expect: <d>!
