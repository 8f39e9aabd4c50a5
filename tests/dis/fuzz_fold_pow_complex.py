# constant folding of float ** that yields a complex number ((-8) ** (1/3))
x = (-8) ** (1/3)
