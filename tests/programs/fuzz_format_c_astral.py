# Format type c with a code point above 0xFFFF gives that one character.
s = f"{0x1F600:c}"
print(len(s), ord(s), s == chr(0x1F600), repr(format(834643, "c")) == repr(chr(834643)))

# expect: 1 128512 True True
