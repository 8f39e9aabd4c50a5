squares = [i * i for i in range(10) if i % 2 == 0]
pairs = [(i, j) for i in range(3) for j in range(i) if i != j]
table = {k: v for k, v in [("a", 1), ("b", 2)]}


def scaled(factor):
    return [x * factor for x in squares if x > factor]


class Grid:
    size = 3
    cells = [[0 for _ in range(3)] for _ in range(3)]


print(squares, pairs, table, scaled(3), Grid.cells)
