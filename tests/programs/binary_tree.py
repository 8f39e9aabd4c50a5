# A binary search tree: recursive insert and traversal as methods, a property.
class Tree:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None

    def insert(self, key):
        if key < self.key:
            if self.left is None:
                self.left = Tree(key)
            else:
                self.left.insert(key)
        elif key > self.key:
            if self.right is None:
                self.right = Tree(key)
            else:
                self.right.insert(key)

    def inorder(self, out):
        if self.left is not None:
            self.left.inorder(out)
        out.append(self.key)
        if self.right is not None:
            self.right.inorder(out)
        return out

    @property
    def height(self):
        lh = self.left.height if self.left else 0
        rh = self.right.height if self.right else 0
        return 1 + max(lh, rh)


root = Tree(50)
for k in [30, 70, 20, 40, 60, 80, 35, 30]:
    root.insert(k)
print(root.inorder([]), root.height, Tree(1).height)

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [20, 30, 35, 40, 50, 60, 70, 80] 4 1
