# str.upper/lower/capitalize use full Unicode case mappings: 'ß'.upper() is 'SS'.
print("ß".upper(), "straße".upper(), "ß".capitalize(), "İ".lower() == "i\u0307", "ﬁ".upper())

# expect: SS STRASSE Ss True FI
