# zip(strict=True) raises ValueError when the iterables have different lengths.
print(list(zip([1, 2], "ab", strict=True)))
for a, b in [([1, 2], [3]), ([1], [3, 4])]:
    try:
        print(list(zip(a, b, strict=True)))
    except ValueError as e:
        print(e)

# expect: [(1, 'a'), (2, 'b')]
# expect: zip() argument 2 is shorter than argument 1
# expect: zip() argument 2 is longer than argument 1
