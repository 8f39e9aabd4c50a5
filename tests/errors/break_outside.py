# expect-error: 3:5: 'break' outside loop
if True:
    break
