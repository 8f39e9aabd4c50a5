# The '=' alignment is not allowed for strings: ValueError.
for spec in ["=", "#=10s", "*=5"]:
    try:
        print(format("nut", spec))
    except ValueError as e:
        print(e)

# expect: '=' alignment not allowed in string format specifier
# expect: '=' alignment not allowed in string format specifier
# expect: '=' alignment not allowed in string format specifier
