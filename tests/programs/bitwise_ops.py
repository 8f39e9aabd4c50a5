# Bitwise and, or, xor, shifts and invert, with masks and flags.
a = 0b1100
b = 0b1010
print(a & b, a | b, a ^ b, ~a)
print(a << 2, a >> 2, 1 << 10, 1024 >> 10)
print(-8 >> 1, -1 << 4, 5 & -1, 5 | -8)
READ = 1
WRITE = 2
EXEC = 4


def describe(flags):
    names = []
    if flags & READ:
        names.append("r")
    if flags & WRITE:
        names.append("w")
    if flags & EXEC:
        names.append("x")
    return names


perms = READ | EXEC
print(describe(perms), describe(perms ^ WRITE), describe(perms & ~READ))
print(True & False, True | False, True ^ True)


def bits(n):
    out = []
    for i in range(8):
        out.append((n >> i) & 1)
    return out


print(bits(0b10110010))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 8 14 6 -13
# expect: 48 3 1024 1
# expect: -4 -16 5 -3
# expect: ['r', 'x'] ['r', 'w', 'x'] ['x']
# expect: False True False
# expect: [0, 1, 0, 0, 1, 1, 0, 1]
