# The traceback marks the operator of a failing binary operation with ^ and its operands with ~, through nested calls.
def ratio(total, count):
    scale = {"a": 2}
    return scale["a"] * total   //   count


def report(rows):
    out = []
    for r in rows:
        out.append(ratio(r, len(out) - len(out)))
    return out


print("start")
report([10, 20])
