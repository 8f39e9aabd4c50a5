# while ... else: the else branch runs only when the loop ends without break.
def find_divisor(n):
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    else:
        return None
    return d


class Searcher:
    def __init__(self, data):
        self.data = data

    def first_negative(self):
        i = 0
        while i < len(self.data):
            if self.data[i] < 0:
                break
            i += 1
        else:
            return -1
        return i


k = 0
while k < 3:
    k += 1
else:
    print("loop finished, k =", k)
while k < 10:
    k += 1
    if k == 4:
        break
else:
    print("not printed")
print("broke at", k, find_divisor(91), find_divisor(97), find_divisor(4))
print(Searcher([3, 4, -1, 5]).first_negative(), Searcher([1, 2]).first_negative())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: loop finished, k = 3
# expect: broke at 4 7 None 2
# expect: 2 -1
