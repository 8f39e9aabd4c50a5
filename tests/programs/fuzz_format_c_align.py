# Format type c is a numeric presentation: right-aligned by default, and # is rejected.
print(repr(f"[{96:11c}]"), repr(f"[{69:<5c}]"), repr(format(65, "^5c")))
try:
    print(format(65, "#c"))
except ValueError as e:
    print(e)

# expect: '[          `]' '[E    ]' '  A  '
# expect: Alternate form (#) not allowed with integer format specifier 'c'
