# and / or / not: short-circuiting, and returning the deciding operand.
print(True and False, True or False, not True, not 0)
print(0 and 1, 1 and 2, 0 or "x", "" or [] or None, 3 or 4)
print(None or "default", [1] and [2])
trace = []


def t(name, value):
    trace.append(name)
    return value


r = t("a", 0) and t("b", 1)
print(r, trace)
trace = []
r = t("a", 1) or t("b", 0)
print(r, trace)
trace = []
r = t("a", 0) or t("b", 0) or t("c", 5)
print(r, trace)


def classify(n):
    if n > 0 and n % 2 == 0:
        return "positive even"
    elif n > 0 or n == 0 and not False:
        return "positive odd or zero"
    return "negative"


for n in [4, 3, 0, -2]:
    print(n, classify(n))
print(not (1 and 0), not (not []), (1 < 2) and (2 < 3) and "all")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: False True False True
# expect: 0 2 x None 3
# expect: default [2]
# expect: 0 ['a']
# expect: 1 ['a']
# expect: 5 ['a', 'b', 'c']
# expect: 4 positive even
# expect: 3 positive odd or zero
# expect: 0 positive odd or zero
# expect: -2 negative
# expect: True False all
