# finally runs on return, break and continue; a return in finally wins.
def early_return():
    try:
        return "from try"
    finally:
        print("finally after return")


def finally_overrides():
    try:
        return 1
    finally:
        return 2


def loop_with_finally():
    seen = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            seen.append(i)
        finally:
            seen.append("f" + str(i))
    return seen


def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


print(early_return(), finally_overrides(), loop_with_finally(), swallow())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: finally after return
# expect: from try 2 [0, 'f0', 'f1', 2, 'f2', 'f3'] swallowed
