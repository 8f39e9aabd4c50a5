# pow(x, 0, m) with a negative modulus is 1 % m, which is m + 1.
print(pow(7, 0, -5), pow(-3, 0, -1), pow(2, 0, 5), pow(10**20, 0, -7))

# expect: -4 0 1 -6
