# Lists: indexing, assignment, append, pop, insert, len, concatenation, nesting.
xs = [3, 1, 4]
xs.append(1)
xs.append(5)
print(xs, len(xs), xs[0], xs[-1])
xs[1] = 10
print(xs, xs.pop(), xs.pop(0), xs)
xs.insert(1, 99)
print(xs, 99 in xs, xs.index(4))
ys = xs + [7, 8]
print(ys, [0] * 4, sum(ys), max(ys), min(ys))
grid = [[0, 0], [0, 0]]
grid[1][0] = 5
print(grid, grid[1][0])


def squares(n):
    out = []
    for i in range(n):
        out.append(i * i)
    return out


def reverse_in_place(lst):
    i = 0
    j = len(lst) - 1
    while i < j:
        lst[i], lst[j] = lst[j], lst[i]
        i += 1
        j -= 1
    return lst


print(squares(6), reverse_in_place([1, 2, 3, 4, 5]))
print(list((1, 2)), list(range(3)), sorted([3, 1, 2]), [1, 2] == [1, 2])

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [3, 1, 4, 1, 5] 5 3 5
# expect: [10, 4, 1] 5 3 [10, 4, 1]
# expect: [10, 99, 4, 1] True 2
# expect: [10, 99, 4, 1, 7, 8] [0, 0, 0, 0] 129 99 1
# expect: [[0, 0], [5, 0]] 5
# expect: [0, 1, 4, 9, 16, 25] [5, 4, 3, 2, 1]
# expect: [1, 2] [0, 1, 2] [1, 2, 3] True
