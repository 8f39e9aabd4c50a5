# Swaps and rotations with tuple assignment: module, function, method, subscripts.
a = 1
b = 2
c = 3
a, b = b, a
print(a, b)
a, b, c = c, a, b
print(a, b, c)
a, b, c, d = 4, 3, 2, 1
print(a, b, c, d)


def fib(n):
    x, y = 0, 1
    for i in range(n):
        x, y = y, x + y
    return x


print([fib(i) for i in range(12)])
arr = [5, 6, 7]
arr[0], arr[2] = arr[2], arr[0]
print(arr)


class Pair:
    def __init__(self, left, right):
        self.left = left
        self.right = right

    def flip(self):
        self.left, self.right = self.right, self.left
        return self


p = Pair("L", "R").flip()
print(p.left, p.right)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2 1
# expect: 3 2 1
# expect: 4 3 2 1
# expect: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
# expect: [7, 6, 5]
# expect: R L
