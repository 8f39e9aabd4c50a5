# Default argument values: evaluated once at def time, overridden by position or keyword.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct


base = 10


def add(x, y=base):
    return x + y


def append_to(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target


def shared_default(item, acc=[]):
    acc.append(item)
    return len(acc)


base = 1000
print(greet("Ann"), greet("Ben", "Hi"), greet("Cy", punct="?"), greet("Di", "Yo", "."))
print(add(1), add(1, 2))
print(append_to(1), append_to(2), append_to(3, [0]))
print(shared_default("a"), shared_default("b"), shared_default("c", []))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: Hello, Ann! Hi, Ben! Hello, Cy? Yo, Di.
# expect: 11 3
# expect: [1] [2] [0, 3]
# expect: 1 2 1
