# try/except: matching by type, except ... as, bare except, built-in error types.
def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return None


class Parser:
    def parse(self, s):
        try:
            return int(s)
        except (ValueError, TypeError):
            return -1


print(safe_div(7, 2), safe_div(1, 0), Parser().parse("12"), Parser().parse("x"))
try:
    [1, 2, 3][10]
except IndexError as e:
    print("IndexError:", e)
try:
    {"a": 1}["b"]
except KeyError as e:
    print("KeyError:", e)
try:
    "x" + 1
except TypeError:
    print("TypeError caught")
try:
    undefined_name
except:
    print("bare except caught something")
try:
    1 / 0
except (KeyError, ZeroDivisionError) as e:
    print("tuple of types:", e)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 3 None 12 -1
# expect: IndexError: list index out of range
# expect: KeyError: 'b'
# expect: TypeError caught
# expect: bare except caught something
# expect: tuple of types: division by zero
