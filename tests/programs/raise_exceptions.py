# raise with built-in exception types and instances; catching by type; bare re-raise.
def parse_age(text):
    if text == "":
        raise ValueError("empty")
    n = int(text)
    if n < 0:
        raise ValueError("negative: " + text)
    return n


def wrapper():
    try:
        raise TypeError("inner")
    except TypeError:
        print("logging, then re-raising")
        raise


for t in ["42", "", "-3", "abc"]:
    try:
        print("ok", parse_age(t))
    except ValueError as e:
        print("ValueError", e)
try:
    raise KeyError("b")
except KeyError as e:
    print("KeyError", e, repr(e))
try:
    raise RuntimeError
except RuntimeError as e:
    print("class raised:", repr(e))
try:
    wrapper()
except TypeError as e:
    print("outer got", e)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: ok 42
# expect: ValueError empty
# expect: ValueError negative: -3
# expect: ValueError invalid literal for int() with base 10: 'abc'
# expect: KeyError 'b' KeyError('b')
# expect: class raised: RuntimeError()
# expect: logging, then re-raising
# expect: outer got inner
