# String literals: quoting styles, triple quotes, raw strings, concatenation.
a = 'single'
b = "double"
c = """triple
quoted"""
d = '''three
single'''
e = "adjacent " "literals " 'joined'
f = r"raw\nstring"
g = ""
h = "it's"
i = 'say "hi"'
print(a, b)
print(c)
print(d)
print(e)
print(f, len(f))
print(len(g), g == '', repr(g))
print(h, i)
print(repr(h), repr(i))


def greet(name):
    prefix = "Hello, "
    return prefix + name + "!"


print(greet("world"))
print("abc" < "abd", "b" > "abc", "x" * 3)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: single double
# expect: triple
# expect: quoted
# expect: three
# expect: single
# expect: adjacent literals joined
# expect: raw\nstring 11
# expect: 0 True ''
# expect: it's say "hi"
# expect: "it's" 'say "hi"'
# expect: Hello, world!
# expect: True True xxx
