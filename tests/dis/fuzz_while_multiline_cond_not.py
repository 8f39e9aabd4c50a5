# multi-line call in a while condition with `and 0.0 or not (x > y)`: line number of the folded-not conditional jump
while f(
b
) and 0.0 or not (x > y):
    pass
