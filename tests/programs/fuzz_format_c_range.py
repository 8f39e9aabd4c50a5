# Format type c with an int outside range(0x110000) raises OverflowError.
try:
    print(format(10**7, "c"))
except OverflowError as e:
    print(e)

# expect: %c arg not in range(0x110000)
