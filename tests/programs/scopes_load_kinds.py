# The same variable name read at module level, in a function, in a closure and
# in a class body: LOAD_NAME, LOAD_FAST, LOAD_GLOBAL, LOAD_DEREF.
value = "global"
print(value)


def read_global():
    return value


def read_local():
    value = "local"
    return value


def read_closure():
    value = "enclosing"

    def inner():
        return value

    return inner()


class Scoped:
    value = "class"
    copy = value

    def method(self):
        return value, self.value


print(read_global(), read_local(), read_closure())
print(Scoped.copy, Scoped().method())
for value in ["loop1", "loop2"]:
    pass
print(value, read_global())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: global
# expect: global local enclosing
# expect: class ('global', 'class')
# expect: loop2 loop2
