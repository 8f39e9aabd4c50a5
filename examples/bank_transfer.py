# bank_transfer.py: two threads move money out of the same account at the same time.
# teaches: check-then-act: both threads can pass `if balance >= amount` before either withdraws,
# teaches: so alice is overdrawn; and `accounts[k] -= amount` is load-subtract-store, so an update
# teaches: can be lost and money created or destroyed; the asserts state the two invariants
# teaches: run serially, exactly one transfer succeeds: alice keeps 40 and the total stays 150
# expect-output-python: 40 150
import threading

accounts = {"alice": 100, "bob": 50, "carol": 0}


def transfer(src, dst, amount):
    if accounts[src] >= amount:
        accounts[src] -= amount
        accounts[dst] += amount


t1 = threading.Thread(target=transfer, args=("alice", "bob", 60))
t2 = threading.Thread(target=transfer, args=("alice", "carol", 60))
t1.start()
t2.start()
t1.join()
t2.join()
total = accounts["alice"] + accounts["bob"] + accounts["carol"]
print(accounts["alice"], total)
assert accounts["alice"] >= 0, "alice is overdrawn"
assert total == 150, "money was created or destroyed"
