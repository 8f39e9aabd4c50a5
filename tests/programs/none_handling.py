# None as a default, a missing result, a sentinel; is None versus == None.
def find(items, pred_value):
    for i in range(len(items)):
        if items[i] == pred_value:
            return i
    return None


def noop():
    pass


def explicit():
    return


r = find([1, 2, 3], 2)
print(r, find([1, 2, 3], 9), noop(), explicit())
print(noop() is None, r is not None, None == None, repr(None), str(None))


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


def length(node):
    n = 0
    while node is not None:
        n += 1
        node = node.next
    return n


head = Node(1, Node(2, Node(3)))
print(length(head), length(None), head.next.next.next)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1 None None None
# expect: True True True None None
# expect: 3 0 None
