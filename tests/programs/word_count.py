# Counting words and letters with dicts, then reporting the most common ones.
text = "the quick brown fox jumps over the lazy dog the fox"
words = []
current = ""
for ch in text + " ":
    if ch == " ":
        if current != "":
            words.append(current)
        current = ""
    else:
        current += ch
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(len(words), counts)


def most_common(d):
    best_key = None
    best = 0
    for k, v in d.items():
        if v > best:
            best_key, best = k, v
    return best_key, best


letters = {}
for w in words:
    for ch in w:
        if ch in letters:
            letters[ch] += 1
        else:
            letters[ch] = 1
print(most_common(counts), most_common(letters), len(letters))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 11 {'the': 3, 'quick': 1, 'brown': 1, 'fox': 2, 'jumps': 1, 'over': 1, 'lazy': 1, 'dog': 1}
# expect: ('the', 3) ('o', 5) 26
