# max/min with key=: the best key is released (run --audit found one reference too many).
x = max([1, 2], key=lambda t: [t])
y = min([1.5, 2.5], key=lambda t: t * 2)
print(x, y)

# expect: 2 1.5
