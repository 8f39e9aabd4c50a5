# A bank account class with validation via exceptions and a transaction history.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise RuntimeError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))


def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except RuntimeError as e:
        return "failed: " + str(e)
    dst.deposit(amount)
    return "ok"


alice = Account("alice", 100)
bob = Account("bob")
print(transfer(alice, bob, 30), transfer(alice, bob, 500), transfer(bob, alice, 10))
print(alice.balance, bob.balance, alice.balance + bob.balance)
try:
    bob.deposit(-5)
except ValueError as e:
    print("rejected:", e)
print(alice.history, bob.history)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: ok failed: insufficient funds: 70 < 500 ok
# expect: 80 20 100
# expect: rejected: deposit must be positive
# expect: [('withdraw', 30), ('deposit', 10)] [('deposit', 30), ('withdraw', 10)]
