# Augmented assignment to attributes of instances and of classes.
class Account:
    interest_paid = 0

    def __init__(self, balance):
        self.balance = balance
        self.log = []

    def deposit(self, amount):
        self.balance += amount
        self.log += [("dep", amount)]

    def pay_interest(self, rate):
        gain = self.balance * rate // 100
        self.balance += gain
        Account.interest_paid += gain


a = Account(100)
a.deposit(50)
a.pay_interest(10)
b = Account(1000)
b.pay_interest(5)
print(a.balance, a.log, b.balance, Account.interest_paid)
a.balance -= 65
a.balance //= 2
a.balance **= 2
print(a.balance)


class Node:
    def __init__(self):
        self.hits = 0


nodes = [Node(), Node()]
for i in range(5):
    nodes[i % 2].hits += i
print(nodes[0].hits, nodes[1].hits)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 165 [('dep', 50)] 1050 65
# expect: 2500
# expect: 6 4
