# Augmented assignment to names with every operator, at module level and in a function.
x = 100
x += 5
x -= 3
x *= 2
x //= 3
x %= 50
x **= 2
x <<= 3
x >>= 1
x &= 0xFF
x |= 0x100
x ^= 0x0F
print(x)
f = 10
f /= 4
s = "ab"
s += "cd"
s *= 2
lst = [1]
alias = lst
lst += [2, 3]
t = (1,)
t_alias = t
t += (2,)
print(f, s, lst, alias is lst, t, t_alias)


def local_ops(a):
    a += 1
    a *= 3
    a -= 4
    a //= 2
    a **= 3
    a %= 1000
    return a


print(local_ops(5), local_ops(-5))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 287
# expect: 2.5 abcdabcd [1, 2, 3] True (1, 2) (1,)
# expect: 343 488
