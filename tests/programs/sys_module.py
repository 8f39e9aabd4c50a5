# The sys module: switch interval, version info, maxsize, and sys.exit(0).
import sys

print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.version_info[0], sys.version_info[1])
print(sys.maxsize, sys.maxsize + 1 == 2 ** 63)


def finish(code):
    print("exiting with", code)
    sys.exit(code)


try:
    sys.exit(5)
except SystemExit as e:
    print("caught SystemExit", e.code)
finish(0)
print("not reached")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 0.005
# expect: 0.001
# expect: 3 11
# expect: 9223372036854775807 True
# expect: caught SystemExit 5
# expect: exiting with 0
