# expect-error: 3:1: match statement is not supported
x = 1
match x:
    case 1:
        pass
