# A class with __init__, methods, instance attributes, and methods calling methods.
class Rectangle:
    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height

    def perimeter(self):
        return 2 * (self.width + self.height)

    def scale(self, k):
        self.width = self.width * k
        self.height = self.height * k
        return self

    def describe(self):
        return f"{self.width}x{self.height} area={self.area()}"


r = Rectangle(3, 4)
print(r.area(), r.perimeter(), r.describe())
r.scale(2)
print(r.width, r.height, r.describe())
print(Rectangle(1, 1).scale(5).scale(2).area())
shapes = [Rectangle(1, 2), Rectangle(3, 3), Rectangle(2, 5)]
total = 0
for s in shapes:
    total += s.area()
print(total, isinstance(r, Rectangle), isinstance(5, Rectangle))
r.color = "red"
print(r.color)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 12 14 3x4 area=12
# expect: 6 8 6x8 area=48
# expect: 100
# expect: 21 True False
# expect: red
