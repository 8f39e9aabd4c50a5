# expect-error: 2:1: nonlocal declaration not allowed at module level
nonlocal x
