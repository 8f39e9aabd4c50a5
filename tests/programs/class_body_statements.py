# Statements inside a class body run once, at class creation, with the class
# namespace as their scope: loops, conditionals, try, and references between names.
DEBUG = True


class Settings:
    names = ["alpha", "beta"]
    index = {}
    for i in range(len(names)):
        index[names[i]] = i
    if DEBUG:
        level = "verbose"
    else:
        level = "quiet"
    try:
        limit = int("x")
    except ValueError:
        limit = 10
    doubled = limit * 2
    del i

    def describe(self):
        return f"{self.level} {self.limit} {self.doubled}"


print(Settings.index, Settings.level, Settings.limit, Settings().describe())
print(Settings.names[1], len(Settings.index))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: {'alpha': 0, 'beta': 1} verbose 10 verbose 10 20
# expect: beta 2
