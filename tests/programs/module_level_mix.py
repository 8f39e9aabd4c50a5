# Every kind of statement at module level, where names are LOAD_NAME/STORE_NAME.
import sys
total = 0
names = ["x", "y", "z"]
index = {}
for i, n in enumerate(names):
    index[n] = i
    total += i
while total < 10:
    total *= 2
    if total == 0:
        total = 1
print(total, index)
try:
    value = index["w"]
except KeyError:
    value = -1
else:
    value = 0
finally:
    total -= 1
print(value, total)
pair = (total // 3, total % 3)
a, b = pair
print(a, b, pair)
flag = True if total > 5 else False
del names[0]
msg = f"{total!r} {flag} {names}"
assert len(msg) > 0, "empty message"
with_count = [k for k in index if index[k] > 0]
print(msg, with_count, sys.maxsize > 0)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 12 {'x': 0, 'y': 1, 'z': 2}
# expect: -1 11
# expect: 3 2 (3, 2)
# expect: 11 True ['y', 'z'] ['y', 'z'] True
