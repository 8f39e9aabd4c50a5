# Augmented assignment to subscripts: lists, dicts, nested containers, computed keys.
counts = {"a": 0, "b": 10}
counts["a"] += 1
counts["b"] -= 3
nums = [1, 2, 3]
nums[0] += 10
nums[-1] **= 2
nums[1] <<= 4
grid = [[0, 0], [0, 0]]
grid[1][1] += 7
print(counts, nums, grid)
calls = []


def key(k):
    calls.append(k)
    return k


def histogram(words):
    h = {}
    for w in words:
        if w not in h:
            h[w] = 0
        h[w] += 1
    return h


class Board:
    def __init__(self):
        self.cells = [0, 0, 0]

    def hit(self, i, amount):
        self.cells[i] += amount
        self.cells[i] %= 10
        return self.cells


counts[key("a")] += 100
print(counts, calls, histogram(["x", "y", "x"]), Board().hit(1, 25))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: {'a': 1, 'b': 7} [11, 32, 9] [[0, 0], [0, 7]]
# expect: {'a': 101, 'b': 7} ['a'] {'x': 2, 'y': 1} [0, 5, 0]
