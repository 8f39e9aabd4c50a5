# All comparison operators on ints, floats, strings, tuples and lists.
a = 3
b = 4
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print("apple" < "banana", "Zebra" < "apple", "abc" == "abc", "ab" < "abc")
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (2,) > (1, 9, 9))
print([1, 2] == [1, 2], [1, 2] != [2, 1], [3] > [2, 9])
print(1 == 1.0, 2 < 2.5, True == 1, None == None, None == 0)
print({"a": 1} == {"a": 1}, {"a": 1} != {"a": 2})


def compare_all(x, y):
    return [x == y, x != y, x < y, x <= y, x > y, x >= y]


print(compare_all(1, 2))
print(compare_all("b", "a"))
print(compare_all((0, 0), (0, 0)))
print(max("pear", "apple", "fig"), min([3, 1], [2, 5], [3, 0]))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: False True True True False False
# expect: True True True True
# expect: True True True
# expect: True True True
# expect: True True True True False
# expect: True True
# expect: [False, True, True, True, False, False]
# expect: [False, True, False, False, True, True]
# expect: [True, False, False, True, False, True]
# expect: pear [2, 5]
