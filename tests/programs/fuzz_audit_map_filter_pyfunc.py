# map/filter calling a Python function: the argument passed to it is released (run --audit found one reference too many).
x = list(map(lambda t: t, [[1]]))
y = list(filter(lambda t: t[0] > 3, [[1], [5]]))
print(x, y)

# expect: [[1]] [[5]]
