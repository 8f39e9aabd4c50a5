# for ... else: search loops, with and without break, at every scope.
for n in range(2, 10):
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")


def contains(items, target):
    for item in items:
        if item == target:
            found = True
            break
    else:
        found = False
    return found


print(contains([1, 2, 3], 2), contains([], 1), contains("abc", "z"))
for x in []:
    print("never")
else:
    print("empty loop runs else")


class Finder:
    def index_of(self, items, target):
        for i, v in enumerate(items):
            if v == target:
                return i
        else:
            return -1


print(Finder().index_of(["a", "b"], "b"), Finder().index_of(["a"], "q"))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2 is prime
# expect: 3 is prime
# expect: 4 = 2 * 2
# expect: 5 is prime
# expect: 6 = 2 * 3
# expect: 7 is prime
# expect: 8 = 2 * 4
# expect: 9 = 3 * 3
# expect: True False False
# expect: empty loop runs else
# expect: 1 -1
