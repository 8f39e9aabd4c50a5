# Calls with keyword arguments: to Python functions, methods and built-ins.
def describe(name, age, city="nowhere"):
    return f"{name} ({age}) from {city}"


print(describe("Ann", 30))
print(describe(name="Ben", age=25))
print(describe(age=40, name="Cy", city="Oslo"))
print(describe("Di", city="Rome", age=22))
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" <- continued", end="\n")
print(1, 2, sep="", end="|\n")


class Config:
    def __init__(self, host="localhost", port=80, debug=False):
        self.host = host
        self.port = port
        self.debug = debug

    def url(self, path="/", scheme="http"):
        return f"{scheme}://{self.host}:{self.port}{path}"


c = Config(port=8080, debug=True)
print(c.url(), c.url(path="/x"), c.url(scheme="https", path="/y"))
print(Config("example.org").url("/z"), c.debug)


def wrapper(x):
    return describe(city="Paris", name=str(x), age=x * 2)


print(wrapper(21))
print(sorted([3, 1, 2], reverse=True), max([1, 5, 3]), int("ff", base=16))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: Ann (30) from nowhere
# expect: Ben (25) from nowhere
# expect: Cy (40) from Oslo
# expect: Di (22) from Rome
# expect: a-b-c
# expect: no newline <- continued
# expect: 12|
# expect: http://localhost:8080/ http://localhost:8080/x https://localhost:8080/y
# expect: http://example.org:80/z True
# expect: 21 (42) from Paris
# expect: [3, 2, 1] 5 255
