# Nested try statements: inner handlers, propagation to outer ones, errors in handlers.
def level(kind):
    try:
        try:
            if kind == "value":
                raise ValueError("v")
            if kind == "key":
                raise KeyError("k")
            return "no error"
        except ValueError as e:
            return "inner caught " + str(e)
        finally:
            print("inner finally", kind)
    except KeyError as e:
        return "outer caught " + repr(e)


print(level("none"))
print(level("value"))
print(level("key"))
try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
except TypeError as e:
    print("handler error:", e)
try:
    try:
        1 / 0
    finally:
        print("cleanup before propagating")
except ZeroDivisionError:
    print("outer got ZeroDivisionError")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: inner finally none
# expect: no error
# expect: inner finally value
# expect: inner caught v
# expect: inner finally key
# expect: outer caught KeyError('k')
# expect: handler error: second
# expect: cleanup before propagating
# expect: outer got ZeroDivisionError
