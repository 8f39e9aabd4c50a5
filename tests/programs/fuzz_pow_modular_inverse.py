# pow() with a negative exponent and a modulus computes a modular inverse (Python 3.8+).
print(pow(3, -1, 7), pow(-17, -2, 13), pow(38, -1, 97))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(e)

# expect: 5 9 23
# expect: base is not invertible for the given modulus
