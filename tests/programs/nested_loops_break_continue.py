# break and continue in nested for and while loops.
pairs = []
for i in range(4):
    for j in range(4):
        if j == i:
            continue
        if j > 2:
            break
        pairs.append((i, j))


def first_pair_summing_to(nums, target):
    result = None
    for a in nums:
        for b in nums:
            if a + b == target and a < b:
                result = (a, b)
                break
        if result is not None:
            break
    return result


def odd_roots(limit):
    out = []
    n = 0
    while n < limit:
        n += 1
        if n % 2 == 0:
            continue
        k = 1
        while True:
            if k * k >= n:
                break
            k += 1
        out.append((n, k))
    return out


print(pairs, first_pair_summing_to([1, 4, 6, 9], 10), first_pair_summing_to([1], 5), odd_roots(10))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)] (1, 9) None [(1, 1), (3, 2), (5, 3), (7, 3), (9, 3)]
