# Bitwise operators on big and negative integers (two's complement semantics).
big = 1 << 100
print(big)
print(big >> 37, big >> 200)
print(big | 1, big & (big - 1), big ^ (big + 5))
print(~big, ~(-big))
print(-big & 0xFFFF, -big | 0xFF)
print((-1) >> 10, -12345678901234567890 >> 3)
print(-big ^ 0x123456789, 0x0F0F0F0F0F0F0F0F0F0F & -0x333333333333)


def popcount(n):
    count = 0
    while n:
        count += n & 1
        n >>= 1
    return count


print(popcount(big - 1), popcount(0xFFFF_FFFF_FFFF_FFFF_FFFF))
mask = (1 << 64) - 1
x = 0xDEADBEEFCAFEBABE
print((x << 8) & mask, x >> 60)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1267650600228229401496703205376
# expect: 9223372036854775808 0
# expect: 1267650600228229401496703205377 0 5
# expect: -1267650600228229401496703205377 1267650600228229401496703205375
# expect: 0 -1267650600228229401496703205121
# expect: -1 -1543209862654320987
# expect: -1267650600228229401491816487031 71113283503431422315533
# expect: 100 80
# expect: 12519707669272641024 13
