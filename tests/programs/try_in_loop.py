# try/except inside loops, loops inside try, continue from except handlers.
results = []
for text in ["1", "x", "3", "", "5"]:
    try:
        n = int(text)
    except ValueError:
        results.append("bad")
        continue
    results.append(n * n)
print(results)


def first_valid(items):
    for item in items:
        try:
            return 10 // item
        except ZeroDivisionError:
            pass
        except TypeError:
            print("skipping", repr(item))
    return None


print(first_valid([0, "a", 0, 5]), first_valid([0]))
attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise RuntimeError("retry")
        break
    except RuntimeError as e:
        print("attempt", attempts, e)
print("succeeded after", attempts)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [1, 'bad', 9, 'bad', 25]
# expect: skipping 'a'
# expect: 2 None
# expect: attempt 1 retry
# expect: attempt 2 retry
# expect: succeeded after 3
