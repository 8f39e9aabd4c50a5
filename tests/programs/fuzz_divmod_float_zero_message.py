# divmod of floats by zero: ZeroDivisionError 'float divmod()'; % says 'float modulo'.
for f in [lambda: divmod(2.5, 0), lambda: divmod(3, 0.0), lambda: 2.5 % 0, lambda: 2.5 // 0]:
    try:
        print(f())
    except ZeroDivisionError as e:
        print(e)

# expect: float divmod()
# expect: float divmod()
# expect: float modulo
# expect: float floor division by zero
