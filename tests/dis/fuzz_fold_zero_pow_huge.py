# constant folding of 0 ** N and 0 << N with N wider than 64 bits (CPython folds to 0)
x = 0 ** 354442959425038774793
y = 0 << 354442959425038774793
