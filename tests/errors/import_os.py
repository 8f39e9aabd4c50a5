# expect-error: 2:8: import of module 'os' is not supported (gilsim provides threading, time, sys, multiprocessing)
import os
