# Recursive merge sort that builds new lists with append and while loops.
def merge(left, right):
    out = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    while i < len(left):
        out.append(left[i])
        i += 1
    while j < len(right):
        out.append(right[j])
        j += 1
    return out


def merge_sort(items):
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left = []
    right = []
    for k in range(len(items)):
        if k < mid:
            left.append(items[k])
        else:
            right.append(items[k])
    return merge(merge_sort(left), merge_sort(right))


data = [5, 2, 9, 1, 5, 6, -3, 0, 12, 7]
print(merge_sort(data), data)
print(merge_sort(["pear", "apple", "fig"]), merge_sort([]), merge_sort([1]))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [-3, 0, 1, 2, 5, 5, 6, 7, 9, 12] [5, 2, 9, 1, 5, 6, -3, 0, 12, 7]
# expect: ['apple', 'fig', 'pear'] [] [1]
