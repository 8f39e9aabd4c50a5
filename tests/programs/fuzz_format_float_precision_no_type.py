# A float format with precision 0 and no type ('.0'): python3.11 switches to exponent notation (-4e+00).
print(format(-3.5, ".0"), format(-3.5, " 9_.0"), format(1234.5, ",.2"), format(2.0, ".3"), format(0.5, ".0"))

# expect: -4e+00    -4e+00 1.2e+03 2.0 0.5
