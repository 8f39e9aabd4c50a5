# expect-exit: 1
# An exception raised in a method propagates through two calls; finally still runs.
class Parser:
    def __init__(self, text):
        self.text = text

    def number(self):
        if self.text == "":
            raise ValueError("nothing to parse")
        return int(self.text)


def parse_all(texts):
    out = []
    for t in texts:
        try:
            out.append(Parser(t).number())
        finally:
            print("parsed so far:", out)
    return out


parse_all(["1", "22", "", "4"])

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: parsed so far: [1]
# expect: parsed so far: [1, 22]
# expect: parsed so far: [1, 22]
# expect-error: ValueError: nothing to parse
