# Identical consecutive traceback lines are printed three times, then counted: "[Previous line repeated N more times]".
def down(n):
    if n == 0:
        return 1 // n
    return down(n - 1)


def twice(n):
    return down(n) + down(n)


try:
    down(4)
except ZeroDivisionError:
    print("caught at depth 4")
twice(9)
