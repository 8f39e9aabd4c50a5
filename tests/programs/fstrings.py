# f-strings with plain {name} fields, {expr!r} conversions and format specs.
name = "Ada"
age = 36
print(f"{name} is {age}")
print(f"{name!r} is {age!r}")
print(f"next year: {age + 1}, doubled: {age * 2}")
print(f"[{age:>5}] [{age:<5}] [{age:^6}] [{age:05}]")
print(f"{name:>8}|{name:<8}|")
print(f"{3.14159:.2f} {1/3:.4f} {2.5:>8.3f}|")
print(f"no fields")
print(f"{{braces}} {name}")


def label(item, price):
    return f"{item!r}: {price:>7}"


def row(i, values):
    text = ""
    for v in values:
        text += f"{v:>4}"
    return f"{i}:{text}"


print(label("tea", 3))
print(label("coffee", 12345))
for i in range(3):
    print(row(i, [i, i * 10, i * 100]))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def show(self):
        return f"Point({self.x}, {self.y!r})"


print(Point(1, "two").show())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: Ada is 36
# expect: 'Ada' is 36
# expect: next year: 37, doubled: 72
# expect: [   36] [36   ] [  36  ] [00036]
# expect:      Ada|Ada     |
# expect: 3.14 0.3333    2.500|
# expect: no fields
# expect: {braces} Ada
# expect: 'tea':       3
# expect: 'coffee':   12345
# expect: 0:   0   0   0
# expect: 1:   1  10 100
# expect: 2:   2  20 200
# expect: Point(1, 'two')
