# Constructs that are rarer inside plain functions, where names are LOAD_FAST and
# LOAD_GLOBAL: attribute stores and deletes, bare except, except (A, B), big literals,
# chained comparisons, format specs, `not`, and `pass`.
class Record:
    pass


def fill(rec, n):
    rec.count = 0
    rec.total = 0.0
    for i in range(n):
        rec.count += 1
        rec.total += i * 0.5
    rec.big = 123456789012345678901234567890 // (rec.count or 1)
    del rec.total
    return rec


def probe(x):
    try:
        if not 0 <= x < 10:
            raise ValueError(f"{x:>4} out of range")
        return 100 // x
    except (ValueError, ZeroDivisionError) as e:
        return "error: " + str(e)
    except:
        return "other"


def safe(fn, arg):
    try:
        return fn(arg)
    except:
        pass
    return None


r = fill(Record(), 4)
print(r.count, r.big, safe(len, 5), safe(len, "five"))
print(probe(5), probe(0), probe(42), probe("x"))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 4 30864197253086419725308641972 None 4
# expect: 20 error: integer division or modulo by zero error:   42 out of range other
