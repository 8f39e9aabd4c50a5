# startswith/endswith with a start beyond the end of the string are False even for an empty suffix.
s = "a"
print(s.endswith("", 2), s.startswith("", 2), s.endswith("", 1), "".startswith("", 1), s.endswith(("", "a"), 5))

# expect: False False True False False
