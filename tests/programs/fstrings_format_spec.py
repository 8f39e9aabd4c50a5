# Format specs in f-strings: width, alignment, fill, zero padding, precision.
items = [("apple", 3), ("kiwi", 12), ("watermelon", 1)]
for item in items:
    fruit, count = item
    print(f"{fruit:<12}{count:>4}")
print(f"{'left':<10}|")
print(f"{'right':>10}|")
print(f"{'mid':*^10}|")
print(f"{7:03} {-7:05} {42:>+6}")
print(f"{0.5:.3f} {2.5:8.2f}| {-1.25:<8.1f}|")
print(f"{True!r} {None!r} {[1, 'a']!r}")


def table(rows):
    lines = []
    for r in rows:
        key, val = r
        lines.append(f"{key:>6} = {val!r}")
    return lines


for line in table([("a", 1), ("bb", "x"), ("ccc", None)]):
    print(line)


def money(cents):
    whole = cents // 100
    part = cents % 100
    return f"${whole:>5}.{part:02}"


print(money(123456), money(5), money(99))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: apple          3
# expect: kiwi          12
# expect: watermelon     1
# expect: left      |
# expect:      right|
# expect: ***mid****|
# expect: 007 -0007    +42
# expect: 0.500     2.50| -1.2    |
# expect: True None [1, 'a']
# expect:      a = 1
# expect:     bb = 'x'
# expect:    ccc = None
# expect: $ 1234.56 $    0.05 $    0.99
