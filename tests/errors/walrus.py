# expect-error: 3:5: the walrus operator (:=) is not supported
x = [1, 2]
if (n := len(x)) > 1:
    print(n)
