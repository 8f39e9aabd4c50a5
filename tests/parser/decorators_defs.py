# Decorated functions and classes: the node starts at `def`/`class`.
@decorator
def plain():
    pass


@a.b.c
@call(1, x=2)
@(lambda f: f)
@x if y else z
@w := deco
def many(a, b):
    return a + b


@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


async def fetch(url, *, timeout=10):
    await sleep(timeout)
    return url


@staticmethod
async def decorated_async():
    pass
