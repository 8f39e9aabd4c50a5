# Iterating an object that has only __getitem__ (the old sequence protocol): stops at IndexError.
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(Seq()), 20 in Seq())
for x in Seq():
    print(x)

# expect: [0, 10, 20] True
# expect: 0
# expect: 10
# expect: 20
