# del on attributes (from outside and from a method) and on globals via `global`.
y = 2


class Obj:
    def __init__(self):
        self.keep = 1
        self.drop = 2

    def forget(self):
        del self.keep


def del_global():
    global y
    del y


o = Obj()
del o.drop
try:
    print(o.drop)
except AttributeError:
    print("no attribute drop; keep =", o.keep)
o.forget()
try:
    print(o.keep)
except AttributeError:
    print("keep is gone too")
del_global()
try:
    print(y)
except NameError as e:
    print("NameError:", e)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: no attribute drop; keep = 1
# expect: keep is gone too
# expect: NameError: name 'y' is not defined
