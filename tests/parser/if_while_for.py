if a:
    pass
if a:
    x = 1
else:
    x = 2
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
if a: b
if a: b; c;
if (a): pass
while x:
    x -= 1
while True:
    break
else:
    pass
while (n := n - 1) > 0: continue
for x in y:
    pass
for x, y in z:
    pass
for (x, y) in z: pass
for [x, y] in z: pass
for x, in z: pass
for x.a, y[0] in z: pass
for *a, b in c: pass
for x in 1, 2, 3:
    pass
else:
    done()
for i in range(10):
    if i: continue
    else: break
async def g():
    async for x in y:
        pass
    async with a as b, c:
        pass
