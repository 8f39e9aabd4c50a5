# The alternate form (#) with no presentation type keeps the point of an exponent-form float: '1.e+300'.
print(repr(format(1e300, "#")), repr(format(1e300, "+#016")), repr(format(1e16, "#")), repr(format(2.5, "#")))

# expect: '1.e+300' '+000000001.e+300' '1.e+16' '2.5'
