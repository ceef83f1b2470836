/* fib.c -- benchmark: doubly recursive Fibonacci, fib(35), the C
 * reference for bench/programs/fib.zt (same algorithm, same output). */
#include <stdio.h>

static long fib(long n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void)
{
    volatile long n = 35;   /* keeps gcc from folding the call away */
    printf("%ld\n", fib(n));
    return 0;
}
