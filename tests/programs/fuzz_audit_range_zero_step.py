# range() with step 0 raises ValueError without leaking the range under construction (run --audit).
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)

# expect: range() arg 3 must not be zero
