# Format specs that python3.11 rejects: ',' with the integer types x, b, o and with c.
for spec in [",x", ",b", ",o", ",X", ",c"]:
    try:
        print(format(255, spec))
    except ValueError as e:
        print(spec, e)

# expect: ,x Cannot specify ',' with 'x'.
# expect: ,b Cannot specify ',' with 'b'.
# expect: ,o Cannot specify ',' with 'o'.
# expect: ,X Cannot specify ',' with 'X'.
# expect: ,c Cannot specify ',' with 'c'.
