# sorted/list.sort with reverse=True keep equal elements in their original order.
print(sorted([3, 1, 2], key=lambda v: 0, reverse=True))
print(sorted([("a", 1), ("b", 1), ("c", 2)], key=lambda t: t[1], reverse=True))
words = ["bb", "a", "cc", "d"]
words.sort(key=len, reverse=True)
print(words)

# expect: [3, 1, 2]
# expect: [('c', 2), ('a', 1), ('b', 1)]
# expect: ['bb', 'cc', 'a', 'd']
