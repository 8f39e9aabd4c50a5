# expect-error: 5:5: name 'x' is used prior to global declaration
x = 0
def f():
    print(x)
    global x
