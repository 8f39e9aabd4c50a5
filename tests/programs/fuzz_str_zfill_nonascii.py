# str.zfill counts characters, not UTF-8 bytes (center/rjust already do).
s = "\u200bB"
print(repr(s.zfill(3)), repr("é".zfill(3)), repr("-中".zfill(4)), repr("ñ".center(4, "-")))

# expect: '0\u200bB' '00é' '-00中' '-ñ--'
