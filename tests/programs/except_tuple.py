# except with a tuple of types, handler order, and isinstance on exceptions.
def risky(kind):
    if kind == 0:
        return [][1]
    if kind == 1:
        return {}["missing"]
    if kind == 2:
        return 1 // 0
    if kind == 3:
        raise RuntimeError("custom")
    return "fine"


for kind in range(5):
    try:
        print(risky(kind))
    except (IndexError, KeyError) as e:
        print("lookup error:", isinstance(e, IndexError), isinstance(e, KeyError))
    except ArithmeticError as e:
        print("arithmetic:", e)
    except Exception as e:
        print("other:", repr(e))


def describe(e):
    if isinstance(e, LookupError):
        return "lookup"
    return "general"


try:
    risky(1)
except Exception as err:
    print(describe(err), isinstance(err, Exception))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: lookup error: True False
# expect: lookup error: False True
# expect: arithmetic: integer division or modulo by zero
# expect: other: RuntimeError('custom')
# expect: fine
# expect: lookup True
