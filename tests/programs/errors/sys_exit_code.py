# expect-exit: 3
# sys.exit with a status: the finally block runs, then the interpreter exits with 3.
import sys


def main():
    try:
        print("working")
        sys.exit(3)
    finally:
        print("cleanup")


main()
print("not reached")

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: working
# expect: cleanup
