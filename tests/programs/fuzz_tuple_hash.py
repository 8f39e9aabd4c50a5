# hash() of tuples of ints follows CPython's xxHash-based tuple hash.
print(hash((1, 2)), hash(()), hash((1,)), hash((1, (2, 3))), hash((-1, 2**70)))

# expect: -3550055125485641917 5740354900026072187 -6644214454873602895 7267574591690527098 -1106163820957201816
