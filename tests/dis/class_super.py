class Base:
    def __init__(self, x):
        self.x = x

    def describe(self):
        return "Base(%s)" % (self.x,)


class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y

    @property
    def total(self):
        return self.x + self.y

    def describe(self):
        return f"Child({self.x!r}, {self.y:>3}) -> {super().describe()}"


c = Child(1, 2)
print(c.total, c.describe())
