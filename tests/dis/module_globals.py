"""A module docstring."""
import sys
import time as t
from threading import Thread, Lock as L

total = 0
names = ["a", "b"]


def bump(n):
    """Bump the total."""
    global total
    total += n
    del n
    return total


for name in names:
    bump(len(name))
del names[0]
print(total, sys.getrefcount is not None, t.sleep, Thread, L, __name__, __doc__)
