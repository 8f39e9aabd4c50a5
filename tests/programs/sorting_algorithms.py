# Insertion sort and selection sort on copies of a list, checked against sorted().
def insertion_sort(items):
    a = list(items)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a


def selection_sort(items):
    a = list(items)
    for i in range(len(a)):
        m = i
        for j in range(i + 1, len(a)):
            if a[j] < a[m]:
                m = j
        a[i], a[m] = a[m], a[i]
    return a


data = [5, 2, 9, 1, 5, 6, -3, 0, 12, 7]
print(insertion_sort(data), selection_sort(data) == sorted(data))
print(data)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [-3, 0, 1, 2, 5, 5, 6, 7, 9, 12] True
# expect: [5, 2, 9, 1, 5, 6, -3, 0, 12, 7]
