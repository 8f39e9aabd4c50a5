# The alternate form (#) with precision 0 keeps the decimal point: f'{x:#.0f}' is '3.'.
print(f"[{-9817.4:#8.0F}]", f"[{2.5:#.0f}]", f"[{1234.0:#.0e}]", f"[{0.5:#.0%}]")

# expect: [  -9817.] [2.] [1.e+03] [50.%]
