# expect-exit: 1
# A KeyError from a dict lookup, re-raised from a handler with a bare raise.
prices = {"tea": 3, "coffee": 4}


def price(item):
    try:
        return prices[item]
    except KeyError:
        print("unknown item:", item)
        raise


print(price("tea"))
print(price("cocoa"))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 3
# expect: unknown item: cocoa
# expect-error: KeyError: 'cocoa'
