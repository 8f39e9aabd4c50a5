# constant folding of true division with an int operand wider than 64 bits
x = 2**64 / 7
