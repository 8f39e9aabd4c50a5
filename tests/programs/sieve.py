# Sieve of Eratosthenes and prime factorization with while loops.
def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            multiple = p * p
            while multiple <= limit:
                is_prime[multiple] = False
                multiple += p
        p += 1
    return [i for i in range(limit + 1) if is_prime[i]]


def factorize(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors


primes = sieve(60)
print(primes, len(sieve(1000)))
print(factorize(360), factorize(97), factorize(2 ** 10 * 3 ** 5), factorize(600851475143))

# Expected output (python3.11 stdout), one "# expect:" line per line:
# expect: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59] 168
# expect: [2, 2, 2, 3, 3, 5] [97] [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3] [71, 839, 1471, 6857]
