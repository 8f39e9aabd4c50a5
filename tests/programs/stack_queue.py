# A stack with an `empty` property, and a bracket matcher that uses it.
class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.pop()

    @property
    def empty(self):
        return len(self.items) == 0


def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    s = Stack()
    for ch in text:
        if ch in "([{":
            s.push(ch)
        elif ch in pairs:
            if s.empty or s.pop() != pairs[ch]:
                return False
    return s.empty


for t in ["([]{})", "([)]", "((", "", "a(b)c", "}"]:
    print(repr(t), balanced(t))
queue = []
for i in range(3):
    queue.append(i * 10)
print(queue.pop(0), queue.pop(0), queue)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: '([]{})' True
# expect: '([)]' False
# expect: '((' False
# expect: '' True
# expect: 'a(b)c' True
# expect: '}' False
# expect: 0 10 [20]
