# Class attributes shared by all instances versus per-instance attributes.
class Dog:
    species = "canis"
    count = 0
    tricks_shared = []

    def __init__(self, name):
        self.name = name
        self.tricks = []
        Dog.count += 1

    def add_trick(self, trick):
        self.tricks.append(trick)
        self.tricks_shared.append(trick)


a = Dog("rex")
b = Dog("fido")
a.add_trick("sit")
b.add_trick("roll")
print(Dog.count, a.species, b.species, Dog.species)
print(a.tricks, b.tricks, Dog.tricks_shared)
a.species = "wolf"
print(a.species, b.species, Dog.species)
Dog.species = "canis familiaris"
print(a.species, b.species)


class Config:
    DEBUG = False
    LEVEL = 1 + 2
    NAME = "cfg" + str(LEVEL)

    def level_name(self):
        return self.NAME + ("!" if self.DEBUG else "")


print(Config.LEVEL, Config.NAME, Config().level_name())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 2 canis canis canis
# expect: ['sit'] ['roll'] ['sit', 'roll']
# expect: wolf canis canis
# expect: wolf canis familiaris
# expect: 3 cfg3 cfg3
