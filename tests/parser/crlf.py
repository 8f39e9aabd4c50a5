x = 1
y = 2
if x:
    z = """a
b"""
    w = 1v = 2