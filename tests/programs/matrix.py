# Matrices as nested lists: build, transpose, multiply, identity, print rows.
def zeros(n, m):
    return [[0 for j in range(m)] for i in range(n)]


def transpose(a):
    t = zeros(len(a[0]), len(a))
    for i in range(len(a)):
        for j in range(len(a[0])):
            t[j][i] = a[i][j]
    return t


def multiply(a, b):
    n = len(a)
    m = len(b[0])
    c = zeros(n, m)
    for i in range(n):
        for j in range(m):
            for k in range(len(b)):
                c[i][j] += a[i][k] * b[k][j]
    return c


def identity(n):
    m = zeros(n, n)
    for i in range(n):
        m[i][i] = 1
    return m


A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
print(transpose(A))
for row in multiply(A, B):
    print(row)
print(multiply(identity(2), [[5, 6], [7, 8]]) == [[5, 6], [7, 8]])

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [[1, 4], [2, 5], [3, 6]]
# expect: [58, 64]
# expect: [139, 154]
# expect: True
