# Memoization in a module-level dict read and written from functions and methods.
cache = {}
misses = 0


def fib(n):
    global misses
    if n in cache:
        return cache[n]
    misses += 1
    result = n if n < 2 else fib(n - 1) + fib(n - 2)
    cache[n] = result
    return result


print(fib(90), misses, len(cache))
print(fib(50), misses)


class Memo:
    def __init__(self):
        self.table = {}
        self.calls = 0

    def paths(self, r, c):
        self.calls += 1
        key = (r, c)
        if key in self.table:
            return self.table[key]
        if r == 0 or c == 0:
            value = 1
        else:
            value = self.paths(r - 1, c) + self.paths(r, c - 1)
        self.table[key] = value
        return value


m = Memo()
print(m.paths(16, 16), m.calls, len(m.table))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2880067194370816120 91 91
# expect: 12586269025 91
# expect: 601080390 513 288
