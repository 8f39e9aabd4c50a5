def classify(a, b, c):
    if a and b or c:
        return 1
    if not (a or b) and c:
        return 2
    if a is None or b is not None:
        return 3
    if 0 < a < 10 and b in (1, 2, 3):
        return 4
    while a > 0 and not b:
        a -= 1
    return a if a else (b or c)


x = 1 if classify(1, 0, 0) else 2
y = [classify(0, 0, 1), classify(None, None, 0)]
print(x, y, True and 0, None or "z")
