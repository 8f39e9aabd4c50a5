# expect-exit: 1
# Reading a global that was never assigned raises NameError inside a closure.
def outer():
    hidden = 1

    def inner():
        return hidden + missing_global

    return inner


f = outer()
print("calling")
f()

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: calling
# expect-error: NameError: name 'missing_global' is not defined
