# expect-error: 2:5: a set display is not supported
s = {1, 2, 3}
