# Methods that define nested functions: closures over self, over method locals,
# nonlocal rebinding inside a method, and comprehensions that read self.
class Account:
    def __init__(self, balance):
        self.balance = balance
        self.events = []

    def make_depositor(self, fee):
        def deposit(amount):
            self.balance += amount - fee
            self.events.append(amount)
            return self.balance

        return deposit

    def apply_all(self, amounts):
        applied = 0

        def apply(a):
            nonlocal applied
            if a > 0:
                self.balance += a
                applied += 1

        for a in amounts:
            apply(a)
        return applied

    def report(self, scale):
        return [e * scale for e in self.events if e > self.balance // 100]


acct = Account(100)
dep = acct.make_depositor(1)
print(dep(50), dep(10), acct.apply_all([5, -3, 7, 0]), acct.balance)
print(acct.report(2), acct.events)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 149 158 2 170
# expect: [100, 20] [50, 10]
