# code objects compiled twice (finally body duplicated on normal + exceptional paths) share one constant
try:
    pass
finally:
    f = lambda: 1
