# str(), repr() and args of exceptions; the as-name is cleared after the handler.
try:
    raise ValueError("bad value", 42)
except ValueError as e:
    print(str(e), repr(e), e.args, len(e.args))
try:
    raise KeyError("key")
except KeyError as e:
    print(str(e), repr(e))
try:
    raise IndexError()
except IndexError as e:
    print(repr(str(e)), repr(e))
saved = None
try:
    1 // 0
except ZeroDivisionError as e:
    saved = e
print(repr(saved))
try:
    print(e)
except NameError:
    print("e was deleted after the handler")


def capture():
    try:
        raise RuntimeError("from function")
    except RuntimeError as exc:
        message = str(exc)
    return message


print(capture())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: ('bad value', 42) ValueError('bad value', 42) ('bad value', 42) 2
# expect: 'key' KeyError('key')
# expect: '' IndexError()
# expect: ZeroDivisionError('integer division or modulo by zero')
# expect: e was deleted after the handler
# expect: from function
