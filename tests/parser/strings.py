'single'
"double"
'''triple single'''
"""triple double"""
"""multi
line
string"""
''
""
''''''
""""""
'it''s'
"a" "b" 'c'
"a" \
"b"
("a"
 "b")
r'raw \n'
R"raw \t"
b'bytes'
B"bytes"
br'raw bytes \x00'
rb"raw bytes"
Rb'x'
bR'x'
u'unicode'
U"unicode"
u"a" "b"
"a" u"b"
'escapes \n \t \\ \' \" \a \b \f \v \r'
'hex \x41 \x7f \xff'
'octal \0 \7 \101 \777 \1010'
'unicode \u00e9 \u20ac \U0001F600'
'invalid \q \d \w'
'line \
continuation'
b'\x00\xff\n\t\\\101\777'
b'\u00e9 \N \q'
'non-ascii: é € 😀'
"quote ' inside"
'quote " inside'
'both \' and "'
"tab\there"
'\r\n'
"""a "quoted" word"""
'''it's'''
x = "abc" "def" \
    "ghi"
