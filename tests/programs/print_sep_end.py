# print with several arguments, sep and end keywords, no arguments, and non-strings.
print()
print("a")
print("a", "b", 3, 4.5, None, True, [1], (2,), {"k": "v"})
print("x", "y", sep="")
print("x", "y", sep=" | ")
print("no newline", end="")
print("; next", end="!\n")
print(1, 2, 3, sep=", ", end=".\n")
for i in range(3):
    print(i, end=" " if i < 2 else "\n")


def banner(title, width):
    line = "=" * width
    print(line)
    print(title, sep="", end="\n")
    print(line, end="\n")


banner("Report", 10)
print("tab", "separated", sep="\t")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect:
# expect: a
# expect: a b 3 4.5 None True [1] (2,) {'k': 'v'}
# expect: xy
# expect: x | y
# expect: no newline; next!
# expect: 1, 2, 3.
# expect: 0 1 2
# expect: ==========
# expect: Report
# expect: ==========
# expect: tab	separated
