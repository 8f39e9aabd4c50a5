# String operations: concatenation, repetition, indexing, membership, len.
s = "hello"
t = "world"
print(s + " " + t, s * 2, len(s))
print(s[0], s[4], s[-1], s[-5])
print("ll" in s, "x" in s, s == "hel" + "lo")
print(str(42) + str(3.5) + str(True) + str(None))
print(repr(s), str(s), repr(repr(s)))


def reverse(text):
    out = ""
    i = len(text) - 1
    while i >= 0:
        out += text[i]
        i -= 1
    return out


def count_char(text, ch):
    n = 0
    for c in text:
        if c == ch:
            n += 1
    return n


print(reverse("stressed"), count_char("mississippi", "s"))
words = ["alpha", "beta", "gamma"]
joined = ""
for i, w in enumerate(words):
    if i > 0:
        joined += ", "
    joined += w
print(joined, max(words), min(words))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: hello world hellohello 5
# expect: h o o h
# expect: True False True
# expect: 423.5TrueNone
# expect: 'hello' hello "'hello'"
# expect: desserts 4
# expect: alpha, beta, gamma gamma alpha
