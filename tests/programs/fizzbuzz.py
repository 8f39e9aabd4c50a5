# FizzBuzz three ways: if/elif chain, string building, and a class.
for i in range(1, 16):
    if i % 15 == 0:
        print("FizzBuzz")
    elif i % 3 == 0:
        print("Fizz")
    elif i % 5 == 0:
        print("Buzz")
    else:
        print(i)


def fizz(n):
    s = ""
    if n % 3 == 0:
        s += "Fizz"
    if n % 5 == 0:
        s += "Buzz"
    return s or str(n)


print([fizz(n) for n in range(10, 21)])


class FizzBuzz:
    def __init__(self, rules):
        self.rules = rules

    def say(self, n):
        out = ""
        for d, word in self.rules:
            if n % d == 0:
                out += word
        return out if out else str(n)


fb = FizzBuzz([(2, "Two"), (7, "Seven")])
print([fb.say(n) for n in [1, 2, 7, 14, 15]])

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1
# expect: 2
# expect: Fizz
# expect: 4
# expect: Buzz
# expect: Fizz
# expect: 7
# expect: 8
# expect: Fizz
# expect: Buzz
# expect: 11
# expect: Fizz
# expect: 13
# expect: 14
# expect: FizzBuzz
# expect: ['Buzz', '11', 'Fizz', '13', '14', 'FizzBuzz', '16', '17', 'Fizz', '19', 'Buzz']
# expect: ['1', 'Two', 'Seven', 'TwoSeven', '15']
