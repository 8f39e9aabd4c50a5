# Format type c with an int that does not fit in 64 bits raises OverflowError (gilsim hit an internal error).
try:
    print(f"{2**70:c}")
except OverflowError as e:
    print(e)

# expect: Python int too large to convert to C long
