# if / elif / else chains at module level, in functions and in methods.
score = 72
if score >= 90:
    print("A")
elif score >= 80:
    print("B")
elif score >= 70:
    print("C")
else:
    print("F")
if not score:
    print("never")
else:
    print("else branch")


def grade(s):
    if s >= 90:
        g = "A"
    elif s >= 80:
        g = "B"
    else:
        g = "other"
    return g + "+" if g == "A" and s == 100 else g


class Light:
    def __init__(self, color):
        self.color = color

    def action(self):
        if self.color == "red":
            return "stop"
        elif self.color == "green":
            return "go"
        return "unknown"


print([grade(s) for s in [100, 95, 85, 10]], Light("red").action(), Light("blue").action())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: C
# expect: else branch
# expect: ['A+', 'A', 'B', 'other'] stop unknown
