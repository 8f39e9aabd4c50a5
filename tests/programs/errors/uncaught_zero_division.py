# expect-exit: 1
# Division by zero inside a function, not caught anywhere: traceback, exit status 1.
def average(values):
    return sum(values) // len(values)


print(average([1, 2, 3]))
print(average([10, 20]))
print(average([]))
print("not reached")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2
# expect: 15
# expect-error: ZeroDivisionError: integer division or modulo by zero
