# Under nogil-naive the main thread's count changes on `w` race with the
# thread's, so some schedules free `w` while it is still used or corrupt its
# count, which ends the run for every thread.  dpor must then also try the
# failing step before the other threads' steps it could have cut off (it
# disables them), as dfs does.
import threading


def w():
    pass


t = threading.Thread(target=w)
t.start()
w
t.join()
