# Iterating over dicts: keys, values, items; insertion order is kept.
ages = {"carol": 35, "alice": 30, "bob": 25}
for name in ages:
    print(name, ages[name])
for age in ages.values():
    print(age)
for name, age in ages.items():
    print(f"{name}={age}")
total = 0
for k in ages.keys():
    total += ages[k]
print("total", total)


def count_words(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def oldest(people):
    best = None
    best_age = -1
    for name, age in people.items():
        if age > best_age:
            best = name
            best_age = age
    return best


print(count_words(["a", "b", "a", "c", "b", "a"]))
print(oldest(ages), sorted(ages), sorted(ages.values()))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: carol 35
# expect: alice 30
# expect: bob 25
# expect: 35
# expect: 30
# expect: 25
# expect: carol=35
# expect: alice=30
# expect: bob=25
# expect: total 90
# expect: {'a': 3, 'b': 2, 'c': 1}
# expect: carol ['alice', 'bob', 'carol'] [25, 30, 35]
