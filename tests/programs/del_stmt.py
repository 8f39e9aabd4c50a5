# del on module names, local names, list and dict subscripts, and several targets.
x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = [10, 20, 30, 40]
del lst[1]
del lst[-1]
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(lst, d)


def local_del():
    temp = [1, 2, 3]
    alias = temp
    del temp
    alias.append(4)
    try:
        return temp
    except UnboundLocalError:
        return alias


def del_items(m, keys):
    for k in keys:
        del m[k]
    return m


print(local_del(), del_items({1: "a", 2: "b", 3: "c"}, [1, 3]))
a, b = 1, 2
del a, b

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: NameError: name 'x' is not defined
# expect: [10, 30] {'a': 1, 'c': 3}
# expect: [1, 2, 3, 4] {2: 'b'}
