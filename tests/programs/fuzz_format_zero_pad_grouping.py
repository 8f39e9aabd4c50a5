# Zero padding together with grouping in a float format puts separators into the padding too.
print(f"{2534.0:+015,.5f}|{1234:010,}|{-5:08_d}")

# expect: +0,002,534.00000|00,001,234|-000_005
