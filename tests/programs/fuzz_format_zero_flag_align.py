# The 0 flag with an explicit alignment and no fill character pads with zeros.
print(f"[{-1:>016o}]")
print(f"[{float('nan'):<013.3G}]")
print(f"[{42:^08}]")

# expect: [00000000000000-1]
# expect: [NAN0000000000]
# expect: [00042000]
