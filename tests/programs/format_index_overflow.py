# str.format with field indexes too large for an index: IndexError, or ValueError past what an index holds.
try:
    print("{99999999999}".format(1))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("{0[99999999999999999999]}".format([1]))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("{0[99999999999999999999]}".format({99999999999999999999: 5}))
except Exception as e:
    print(type(e).__name__, e)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: IndexError Replacement index 99999999999 out of range for positional args tuple
# expect: ValueError Too many decimal digits in format string
# expect: ValueError Too many decimal digits in format string
