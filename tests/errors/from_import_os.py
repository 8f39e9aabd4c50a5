# expect-error: 2:1: import from module 'os' is not supported (gilsim provides threading, time, sys, multiprocessing)
from os import path
