# Recursive functions: factorial, fibonacci, fast power, binary search, list depth.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def power(base, exp):
    if exp == 0:
        return 1
    half = power(base, exp // 2)
    return half * half * base if exp % 2 else half * half


def bsearch(items, target, lo, hi):
    assert 0 <= lo <= hi <= len(items)
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return bsearch(items, target, mid + 1, hi)
    return bsearch(items, target, lo, mid)


def depth(x):
    if isinstance(x, list):
        return 1 + max([depth(y) for y in x] + [0])
    return 0


data = [1, 3, 5, 7, 9, 11]
print(fact(10), fact(25), [fib(i) for i in range(15)], power(3, 13), power(2, 100))
print(bsearch(data, 7, 0, len(data)), bsearch(data, 4, 0, len(data)), depth([1, [2, [3, []]]]))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 3628800 15511210043330985984000000 [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377] 1594323 1267650600228229401496703205376
# expect: 3 -1 4
