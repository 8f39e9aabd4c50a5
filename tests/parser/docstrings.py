"""Module docstring."""


def f():
    """Function docstring."""


class C:
    """Class docstring."""
    x = 1
