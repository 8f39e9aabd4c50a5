# expect-error: 3:1: 'return' outside function
x = 1
return x
