# try/except/else/finally: which blocks run, in what order, at every scope.
def attempt(divisor):
    log = []
    try:
        log.append("try")
        result = 100 // divisor
    except ZeroDivisionError:
        log.append("except")
        result = None
    else:
        log.append("else")
    finally:
        log.append("finally")
    return result, log


class Job:
    def run(self, fail):
        try:
            if fail:
                raise RuntimeError("failed")
            self.state = "done"
        except RuntimeError as e:
            self.state = "error: " + str(e)
        else:
            self.state += "!"
        finally:
            self.state += " (cleaned)"
        return self.state


print(attempt(4), attempt(0), Job().run(False), Job().run(True))
try:
    value = int("7")
except ValueError:
    print("not reached")
else:
    print("else at module level", value)
finally:
    print("finally at module level")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: (25, ['try', 'else', 'finally']) (None, ['try', 'except', 'finally']) done! (cleaned) error: failed (cleaned)
# expect: else at module level 7
# expect: finally at module level
