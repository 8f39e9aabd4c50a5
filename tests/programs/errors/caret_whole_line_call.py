# A failing call that spans the whole line gets no caret line; a call inside a larger line does.
def boom(x):
    raise ValueError(f"bad {x}")


def middle():
    return [boom(1)] + [2]


boom(0) if False else middle()
