# Integer literals in every notation, at module level and inside a function.
a = 0
b = 42
c = -7
d = 1_000_000
e = 0x1F
f = 0o17
g = 0b1011
h = 0XFF + 0O7 + 0B1
print(a, b, c, d)
print(e, f, g, h)
print(123456789012345678901234567890)
print(-99999999999999999999)


def local_ints():
    x = 255
    y = 0xff
    z = 1_0
    big = 2 ** 64
    return x == y, z, big, -big


print(local_ints())
print(isinstance(1, int), isinstance(10 ** 30, int), isinstance(True, int))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 0 42 -7 1000000
# expect: 31 15 11 263
# expect: 123456789012345678901234567890
# expect: -99999999999999999999
# expect: (True, 10, 18446744073709551616, -18446744073709551616)
# expect: True True True
