# round() of a negative float without ndigits rounds half to even, like positive ones.
print(round(-1.2), round(-1.7), round(-2.5), round(-3455.964), round(-100.0))
x = -0.75
print(round(x), round(x * 4))

# expect: -1 -2 -2 -3456 -100
# expect: -1 -3
