# Mutually recursive module-level functions, resolved through globals at call time.
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


print([is_even(i) for i in range(6)])
print(is_odd(7), is_even(100))


def hofstadter_f(n):
    if n == 0:
        return 1
    return n - hofstadter_m(hofstadter_f(n - 1))


def hofstadter_m(n):
    if n == 0:
        return 0
    return n - hofstadter_f(hofstadter_m(n - 1))


print([hofstadter_f(i) for i in range(12)])
print([hofstadter_m(i) for i in range(12)])

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [True, False, True, False, True, False]
# expect: True True
# expect: [1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7]
# expect: [0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7]
