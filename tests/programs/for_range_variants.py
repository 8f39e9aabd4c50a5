# for loops over range with one, two and three arguments, lists, strings, tuples.
out = []
for i in range(5):
    out.append(i)
print(out)
out = []
for i in range(2, 6):
    out.append(i)
print(out)
out = []
for i in range(10, 0, -3):
    out.append(i)
print(out, list(range(0)), list(range(5, 2)))
for ch in "hi!":
    print(ch)
for item in (1, "two", 3.0):
    print(item)


def sum_range(a, b, step):
    total = 0
    for k in range(a, b, step):
        total += k
    return total


print(sum_range(0, 100, 1), sum_range(0, 100, 7), sum_range(50, 0, -5))
for i, ch in enumerate("abc"):
    print(i, ch)
for a, b in zip([1, 2, 3], "xyz"):
    print(a, b)
print(len(range(0, 1000, 7)), range(3)[2], 5 in range(10))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [0, 1, 2, 3, 4]
# expect: [2, 3, 4, 5]
# expect: [10, 7, 4, 1] [] []
# expect: h
# expect: i
# expect: !
# expect: 1
# expect: two
# expect: 3.0
# expect: 4950 735 275
# expect: 0 a
# expect: 1 b
# expect: 2 c
# expect: 1 x
# expect: 2 y
# expect: 3 z
# expect: 143 2 True
