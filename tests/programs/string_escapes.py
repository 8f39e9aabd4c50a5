# Escape sequences in string literals.
print("tab:\tend")
print("newline:\nsecond line")
print("backslash: \\ quote: \" apostrophe: \'")
print('single \'quoted\' "double"')
print("hex: \x41\x42\x43")
print("octal: \101\102")
print("unicode: \u00e9 \u03b1")
print(len("\n"), len("\\n"), len(r"\n"), len("\x00"))
print(repr("a\tb\nc"), repr("\\"), repr("'\""))
print(repr("\x01"), repr("\x7f"))


def show(s):
    return "[" + s + "] " + str(len(s))


print(show("\t"), show("a\\b"))
print("""triple with "quotes" and 'apostrophes'
and a second line\tand a tab""")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: tab:	end
# expect: newline:
# expect: second line
# expect: backslash: \ quote: " apostrophe: '
# expect: single 'quoted' "double"
# expect: hex: ABC
# expect: octal: AB
# expect: unicode: é α
# expect: 1 2 2 1
# expect: 'a\tb\nc' '\\' '\'"'
# expect: '\x01' '\x7f'
# expect: [	] 1 [a\b] 3
# expect: triple with "quotes" and 'apostrophes'
# expect: and a second line	and a tab
