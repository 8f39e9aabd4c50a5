# Floor division and modulo: sign rules with positive and negative operands.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (6, 3)]
for pair in pairs:
    a, b = pair
    print(a, b, a // b, a % b, a / b)


def divmod_check(a, b):
    q = a // b
    r = a % b
    return q * b + r == a


ok = True
for a in range(-6, 7):
    for b in [-3, -2, -1, 1, 2, 3]:
        if not divmod_check(a, b):
            ok = False
print("identity holds:", ok)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(2 ** -1, 2 ** 0, (-2) ** 3, -2 ** 2)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 7 2 3 1 3.5
# expect: -7 2 -4 1 -3.5
# expect: 7 -2 -4 -1 -3.5
# expect: -7 -2 3 -1 3.5
# expect: 0 5 0 0 0.0
# expect: 6 3 2 0 2.0
# expect: identity holds: True
# expect: 3.0 -4.0 1.5 0.5
# expect: 0.5 1 -8 -4
