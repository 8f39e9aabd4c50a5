# Nested with statements and with holding two locks in one statement.
from threading import Lock, RLock

a = Lock()
b = Lock()
with a:
    with b:
        print("both held", a.locked(), b.locked())
    print("only a", a.locked(), b.locked())
with a, b:
    print("two in one with", a.locked() and b.locked())
print("none held", a.locked() or b.locked())
r = RLock()


def reenter(depth):
    with r:
        if depth == 0:
            return "bottom"
        return reenter(depth - 1) + "<" + str(depth)


print(reenter(3))


def ordered(first, second, log):
    with first:
        log.append("got first")
        with second:
            log.append("got second")
    log.append("released")
    return log


print(ordered(a, b, []), a.locked(), b.locked())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: both held True True
# expect: only a True False
# expect: two in one with True
# expect: none held False
# expect: bottom<1<2<3
# expect: ['got first', 'got second', 'released'] False False
