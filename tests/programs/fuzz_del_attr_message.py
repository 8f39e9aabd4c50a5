# del of a missing instance attribute: the AttributeError names the type and the attribute.
class A:
    pass


a = A()
try:
    del a.nope
except AttributeError as e:
    print(e)

# expect: 'A' object has no attribute 'nope'
