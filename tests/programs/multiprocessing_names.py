# Default process names come from the class and one counter shared by every
# process: Process-1, then a subclass's Worker-2, then Process-3.
import multiprocessing


class Worker(multiprocessing.Process):
    def run(self):
        print("worker runs as", self.name)


def f():
    pass


if __name__ == "__main__":
    a = multiprocessing.Process(target=f)
    w = Worker()
    b = multiprocessing.Process(target=f)
    print(a.name, w.name, b.name)
    w.start()
    w.join()
