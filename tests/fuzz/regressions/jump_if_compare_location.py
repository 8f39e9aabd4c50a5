# jump_if on a single comparison sets the location to the comparison (SET_LOC in compiler_jump_if's Compare case)
while f(
b
) and 0.0 or not (x > y):
    pass
assert (a
  > b), "m"
z = [x for x in y
     if x >
     3]
if (a <
  b):
    pass
else:
    c = 1
while (a <
   b):
    x = 1
w = (1 if a
  < b else 2)

# assert: RAISE_VARARGS keeps the current location (statement or leaked comparison)
assert (a or
  b > c or
  d)
assert (a or
  d)
assert (a or
  d), m
assert (a or
  b > c or
  d), (m,
  n)
assert (a and
  b > c)
assert (
 a), (m,
 n)
assert (
 a >
 b), (m,
 n)
assert (
 a >
 b)
assert (
 a >
 b or
 c)
assert not (
 a)
