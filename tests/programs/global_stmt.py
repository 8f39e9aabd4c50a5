# The global statement: reading and rebinding module globals from functions and methods.
counter = 0
history = []
limit = 3


def bump():
    global counter
    counter += 1
    history.append(counter)


def reset(value):
    global counter, limit
    counter = value
    limit = limit * 2


def create():
    global created
    created = "made in a function"


class Tracker:
    def track(self):
        global counter
        counter -= 100
        return counter


for i in range(limit):
    bump()
print(counter, history, counter + limit)
reset(10)
bump()
create()
print(counter, limit, history, created)
print(Tracker().track(), counter)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 3 [1, 2, 3] 6
# expect: 11 6 [1, 2, 3, 11] made in a function
# expect: -89 -89
