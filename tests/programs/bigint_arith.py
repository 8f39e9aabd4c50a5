# Arbitrary-precision integer arithmetic.
a = 2 ** 100
b = 3 ** 50
print(a)
print(b)
print(a + b, a - b)
print(a * b)
print(a // b, a % b)
print(-a // b, -a % b)
print(a // -7, a % -7)
print(b ** 3)
print(a * a - (a - 1) * (a + 1))


def factorial(n):
    result = 1
    i = 2
    while i <= n:
        result *= i
        i += 1
    return result


print(factorial(30))
print(factorial(50) // factorial(48))
print(abs(-a), -(-b), a > b, a == 2 ** 100)
print(str(2 ** 70), int("123456789012345678901234567890") + 1)
print(len(str(factorial(100))))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: 1267650600228229401496703205376
# expect: 717897987691852588770249
# expect: 1267651318126217093349291975625 1267649882330241709644114435127
# expect: 910043815000214977332758527534256632492715260325658624
# expect: 1765780 691521709937297972926156
# expect: -1765781 26376277754554615844093
# expect: -181092942889747057356671886483 -5
# expect: 369988485035126972924700782451696644186473100389722973815184405301748249
# expect: 1
# expect: 265252859812191058636308480000000
# expect: 2450
# expect: 1267650600228229401496703205376 717897987691852588770249 True True
# expect: 1180591620717411303424 123456789012345678901234567891
# expect: 158
