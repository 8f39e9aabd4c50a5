# expect-exit: 1
# A failing assert with a message at module level ends the program.
balance = 100
withdrawn = 0
for amount in [30, 50, 40]:
    if amount <= balance:
        balance -= amount
        withdrawn += amount
print(balance, withdrawn)
assert balance + withdrawn == 100, "money was created or lost"
assert balance >= 50, f"balance too low: {balance}"
print("not reached")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 20 80
# expect-error: AssertionError: balance too low: 20
