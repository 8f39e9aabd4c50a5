# Truth values of every kind of object in if, while, not, and, or.
values = [0, 1, -1, 0.0, 2.5, "", "a", [], [0], (), (None,), {}, {"k": 0}, None, True, False]
for v in values:
    if v:
        print(repr(v), "is truthy")
    else:
        print(repr(v), "is falsy")


def first_truthy(items):
    for item in items:
        if item:
            return item
    return "none"


print(first_truthy([0, "", [], "found", 1]), first_truthy([0, 0.0]))
stack = [1, 2, 3]
popped = []
while stack:
    popped.append(stack.pop())
print(popped, not stack, not not popped)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 0 is falsy
# expect: 1 is truthy
# expect: -1 is truthy
# expect: 0.0 is falsy
# expect: 2.5 is truthy
# expect: '' is falsy
# expect: 'a' is truthy
# expect: [] is falsy
# expect: [0] is truthy
# expect: () is falsy
# expect: (None,) is truthy
# expect: {} is falsy
# expect: {'k': 0} is truthy
# expect: None is falsy
# expect: True is truthy
# expect: False is falsy
# expect: found none
# expect: [3, 2, 1] True True
