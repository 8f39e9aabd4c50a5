import threading

a = threading.Lock()
b = threading.Lock()
counter = 0


def work():
    global counter
    with a, b:
        counter += 1
    with a as held:
        if held:
            return counter
    return -1


def early(n):
    for i in range(n):
        with a:
            if i == 1:
                break
            if i == 0:
                continue
    return n


print(work(), early(3))
