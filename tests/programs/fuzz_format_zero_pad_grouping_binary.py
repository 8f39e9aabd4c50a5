# Zero padding (0 flag or 0= fill) with '_' grouping in the b, o and x formats: the digits stay binary/octal/hex, grouped by 4.
print(repr(format(118, " 09_b")), repr(format(118, "09_b")), repr(format(255, "012_x")), repr(f"{-5:010_o}"))
print(repr(format(-255, "0=12_x")), repr(format(574038, "-#012_b")))

# expect: ' 111_0110' '0111_0110' '00_0000_00ff' '-0000_0005'
# expect: '-0_0000_00ff' '0b1000_1100_0010_0101_0110'
