# The alternate form (#) is not allowed for strings.
try:
    print(f"[{'mango':#11}]")
except ValueError as e:
    print(e)

# expect: Alternate form (#) not allowed in string format specifier
