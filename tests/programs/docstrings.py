# Docstrings of a module, functions, a class and methods, read back through __doc__.
"""Module docstring: stored in __doc__."""


def documented(x):
    """Return x doubled."""
    return x * 2


def not_documented(x):
    return x * 3


class Thing:
    """A class with a docstring."""

    def method(self):
        """A method docstring."""
        return 1

    def other(self):
        return 2


print(__doc__)
print(documented(4), not_documented(4))
print(documented.__doc__)
print(not_documented.__doc__)
print(Thing.__doc__)
print(Thing().method(), Thing().other())
print(Thing.method.__doc__, Thing.other.__doc__)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: Module docstring: stored in __doc__.
# expect: 8 12
# expect: Return x doubled.
# expect: None
# expect: A class with a docstring.
# expect: 1 2
# expect: A method docstring. None
