# expect-error: 3:9: yield is not supported
def gen():
    x = yield 1
    return x
