# while loops: counting, sentinel conditions, while True with break, draining a list.
i = 0
total = 0
while i < 5:
    total += i
    i += 1
print(i, total)


def digits(n):
    out = []
    while True:
        out.append(n % 10)
        n //= 10
        if n == 0:
            break
    return out


class Queue:
    def __init__(self, items):
        self.items = items

    def drain(self):
        out = []
        while len(self.items) > 0:
            out.append(self.items.pop(0))
        return out


k = 4
seen = []
while k:
    seen.append(k)
    k -= 1
print(digits(90210), digits(0), seen, Queue([1, 2, 3]).drain())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 5 10
# expect: [0, 1, 2, 0, 9] [0] [4, 3, 2, 1] [1, 2, 3]
