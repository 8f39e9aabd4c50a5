class Box:
    def __init__(self):
        self.items = {}
        self.count = 0


box = Box()
box.items["a"] = 1
box.items["a"] += 2
box.count += 1
box.items["b"] = box.items.get("a", 0) * 2
del box.items["a"]
data = [1, 2, 3]
data[0], data[1] = data[1], data[0]
data[-1] **= 2
del box.count
print(box.items, data, hasattr(box, "count"))
