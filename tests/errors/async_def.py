# expect-error: 2:1: async def is not supported
async def f():
    pass
