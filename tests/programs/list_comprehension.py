# Simple list comprehensions: with and without a condition, nested in calls.
squares = [x * x for x in range(8)]
evens = [x for x in squares if x % 2 == 0]
words = ["a", "bb", "ccc"]
lengths = [len(w) for w in words]
print(squares, evens, lengths)
print(sum([i for i in range(101)]), [c for c in "abc"])


def scaled(values, factor):
    return [v * factor for v in values]


def pairs(n):
    return [(i, i + 1) for i in range(n) if i != 1]


print(scaled([1, 2, 3], 10), pairs(4))


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def row_sums(self):
        return [sum(r) for r in self.rows]

    def column(self, j):
        return [r[j] for r in self.rows]


m = Matrix([[1, 2], [3, 4], [5, 6]])
print(m.row_sums(), m.column(1))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [0, 1, 4, 9, 16, 25, 36, 49] [0, 4, 16, 36] [1, 2, 3]
# expect: 5050 ['a', 'b', 'c']
# expect: [10, 20, 30] [(0, 1), (2, 3), (3, 4)]
# expect: [3, 7, 11] [2, 4, 6]
