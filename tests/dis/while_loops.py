def spin(n):
    i = 0
    while i < n:
        i += 1
        if i == 3:
            continue
        if i == 7:
            break
    else:
        return -1
    return i


def forever():
    n = 0
    while True:
        n += 1
        if n > 5:
            return n


def never():
    while 0:
        print("dead")
    return None


print(spin(10), spin(2), forever(), never())
