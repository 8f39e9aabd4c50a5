# sum() that calls back into Python (a user iterator's __next__, an __radd__) releases its iterator (run --audit found leaks).
class It:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


class A:
    def __radd__(self, other):
        return 5


print(sum(It()))
print(sum([A()], 0))

# expect: 0
# expect: 5
