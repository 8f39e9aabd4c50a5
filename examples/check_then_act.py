# check_then_act.py: a lazily filled cache, `if key not in cache: cache[key] = make(key)`.
# teaches: the test and the insertion are separate steps; two threads can both see the key missing
# teaches: and both build the value, so make() runs twice and one result overwrites the other
# teaches: every single operation on the dict is atomic under the GIL; the race is between them
# expect-output-python: 1 {'config': 'value of config'}
import threading

cache = {}
made = 0


def make(key):
    global made
    made += 1
    return "value of " + key


def get(key):
    if key not in cache:
        cache[key] = make(key)
    return cache[key]


t1 = threading.Thread(target=get, args=("config",))
t2 = threading.Thread(target=get, args=("config",))
t1.start()
t2.start()
t1.join()
t2.join()
print(made, cache)
assert made == 1, "the value was built twice"
