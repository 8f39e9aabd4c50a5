def f(x):
    try:
        if x:
            return 1
        y = 2
    finally:
        print("done")
    return y


def g(items):
    for i in items:
        try:
            if i == 2:
                continue
            if i == 5:
                break
        finally:
            print(i)
    else:
        print("no break")


print(f(0), f(1))
g([1, 2, 3])
