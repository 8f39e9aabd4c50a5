# Bare `raise` re-raising the exception being handled: at module level, in a
# function, and in a method; each time an outer handler catches it.
log = []
try:
    try:
        raise KeyError("module")
    except KeyError:
        log.append("module handler")
        raise
except KeyError as e:
    log.append("outer got " + repr(e))


def func():
    try:
        return 1 // 0
    except ZeroDivisionError:
        log.append("function handler")
        raise


class Thing:
    def method(self):
        try:
            return [][0]
        except IndexError:
            log.append("method handler")
            raise


for fn in [func, Thing().method]:
    try:
        fn()
    except ArithmeticError as e:
        log.append("arithmetic: " + str(e))
    except LookupError as e:
        log.append("lookup: " + str(e))
for line in log:
    print(line)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: module handler
# expect: outer got KeyError('module')
# expect: function handler
# expect: arithmetic: integer division or modulo by zero
# expect: method handler
# expect: lookup: list index out of range
