# Methods and nested functions reading, rebinding and deleting module globals.
registry = {}
next_id = 1
default_name = "anon"


class Entity:
    def __init__(self, name=None):
        global next_id
        self.id = next_id
        next_id += 1
        self.name = name if name is not None else default_name
        registry[self.id] = self.name

    def rename(self, new):
        registry[self.id] = new
        self.name = new

    def forget(self):
        del registry[self.id]


def make_many(n):
    made = []
    for i in range(n):
        made.append(Entity("e" + str(i)))
    return made


a = Entity()
b = Entity("bob")
many = make_many(3)
b.rename("robert")
many[1].forget()
print(registry, next_id, a.name, len(many))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: {1: 'anon', 2: 'robert', 3: 'e0', 5: 'e2'} 6 anon 3
