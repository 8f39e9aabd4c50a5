# nondeterministic-output
# Threads print directly, so the order of the lines depends on the schedule.
import threading


def say(name):
    for i in range(3):
        print(name, i)


ts = [threading.Thread(target=say, args=(n,)) for n in ["a", "b", "c"]]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("all done")
