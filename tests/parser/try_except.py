try:
    pass
except:
    pass
try:
    a()
except ValueError:
    b()
except (TypeError, KeyError) as e:
    c(e)
except Exception as exc:
    raise RuntimeError("x") from exc
else:
    d()
finally:
    e()
try:
    pass
finally:
    pass
try:
    x
except* ValueError:
    pass
except* (TypeError, OSError) as eg:
    pass
try: x
except E: y
else: z
finally: w
def f():
    try:
        return 1
    except A as e:
        raise
    except B:
        raise e
