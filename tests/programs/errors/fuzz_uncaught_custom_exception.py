# expect-exit: 1
# An uncaught exception of a class defined in __main__: the last stderr line names it without the module.
class FatalError(Exception):
    pass


print("start")
raise FatalError("value too large: 4")

# expect: start
# expect-error: FatalError: value too large: 4
