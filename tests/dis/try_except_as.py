class MyError(Exception):
    pass


def risky(n):
    try:
        if n == 1:
            raise MyError("one")
        if n == 2:
            raise ValueError("two")
        result = 10 // n
    except MyError as e:
        print("caught", e)
        return -1
    except (ValueError, ZeroDivisionError) as e:
        print("value", e)
        raise RuntimeError("wrapped") from e
    except:
        raise
    else:
        print("ok")
    finally:
        print("cleanup")
    return result


for n in [1, 5]:
    print(risky(n))
