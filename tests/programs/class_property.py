# @property: computed attributes read like plain attributes; they are read-only.
class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @property
    def is_freezing(self):
        return self._celsius <= 0


class Circle:
    def __init__(self, r):
        self.r = r

    @property
    def diameter(self):
        return 2 * self.r

    def grow(self):
        self.r += 1
        return self.diameter


t = Temperature(100)
print(t.celsius, t.fahrenheit, t.is_freezing)
t._celsius = -40
c = Circle(2)
print(t.celsius, t.fahrenheit, t.is_freezing, c.diameter, c.grow(), c.diameter)
try:
    c.diameter = 10
except AttributeError:
    print("read-only property")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 100 212.0 False
# expect: -40 -40.0 True 4 6 6
# expect: read-only property
