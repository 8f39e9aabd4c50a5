# Defaults on __init__ and on methods, given positionally, by keyword, or omitted.
class Greeter:
    def __init__(self, name="nobody", excited=False):
        self.name = name
        self.excited = excited

    def say(self, times=1, sep=""):
        end = "!" if self.excited else "."
        out = ""
        for i in range(times):
            if i > 0:
                out += sep
            out += self.name + end
        return out


def make(name=None, times=2):
    g = Greeter() if name is None else Greeter(name, excited=True)
    return g.say(times, sep=" ")


print(Greeter().say(), Greeter("Eve", True).say(2))
print(Greeter(excited=True).say(times=3, sep="/"))
print(make(), make("Zed"), make(times=1))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: nobody. Eve!Eve!
# expect: nobody!/nobody!/nobody!
# expect: nobody. nobody. Zed! Zed! nobody.
