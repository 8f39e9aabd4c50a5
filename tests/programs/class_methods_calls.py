# Objects holding other objects; methods passing self and other instances around.
class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def scaled(self, k):
        return Vector(self.x * k, self.y * k)

    def show(self):
        return "(" + str(self.x) + ", " + str(self.y) + ")"


class Path:
    def __init__(self):
        self.points = []

    def go(self, v):
        if len(self.points) == 0:
            self.points.append(v)
        else:
            self.points.append(self.points[-1].add(v))
        return self

    def describe(self):
        return [p.show() for p in self.points]


v = Vector(1, 2)
w = Vector(3, -1)
print(v.add(w).show(), v.dot(w), v.scaled(3).add(w).show())
p = Path().go(v).go(w).go(w.scaled(-2))
print(p.describe())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: (4, 1) 1 (6, 5)
# expect: ['(1, 2)', '(4, 1)', '(-2, 3)']
