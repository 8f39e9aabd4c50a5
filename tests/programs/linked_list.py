# A singly linked list built from a Node class: push, walk, reverse (a three-way tuple assignment).
class Node:
    def __init__(self, value, next):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0

    def push(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def to_list(self):
        out = []
        node = self.head
        while node is not None:
            out.append(node.value)
            node = node.next
        return out

    def reverse(self):
        prev = None
        node = self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev
        return self


ll = LinkedList()
for v in range(5):
    ll.push(v * v)
print(ll.to_list(), ll.size)
print(ll.reverse().to_list(), ll.head.next.value)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [16, 9, 4, 1, 0] 5
# expect: [0, 1, 4, 9, 16] 1
