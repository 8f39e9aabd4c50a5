# Thread targets that are bound methods of an object whose state a lock protects.
import threading


class Inventory:
    def __init__(self):
        self.lock = threading.Lock()
        self.stock = {"apples": 0, "pears": 0}

    def restock(self, fruit, times):
        for i in range(times):
            with self.lock:
                self.stock[fruit] += 1

    def run(self):
        ts = [threading.Thread(target=self.restock, args=("apples", 50)),
              threading.Thread(target=self.restock, args=("pears", 30)),
              threading.Thread(target=self.restock, kwargs={"fruit": "apples", "times": 20})]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        return self.stock


print(Inventory().run())

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: {'apples': 70, 'pears': 30}
