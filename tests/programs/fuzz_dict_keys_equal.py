# dict key views compare equal when they hold the same keys.
d = {"a": 1, "b": 2}
print(d.keys() == d.keys(), d.keys() == {"b": 0, "a": 9}.keys(), d.keys() != {"a": 1}.keys())
print(d.items() == {"b": 2, "a": 1}.items())

# expect: True True True
# expect: True
