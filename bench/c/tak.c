/* tak.c -- benchmark: Takeuchi's function, tak(18, 12, 6) 1000 times,
 * printing the sum of the results; the C reference for
 * bench/programs/tak.zt. */
#include <stdio.h>

static long tak(long x, long y, long z)
{
    if (!(y < x))
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(void)
{
    /* volatile: each call really happens, none is hoisted out of the loop */
    volatile long x = 18, y = 12, z = 6;
    long total = 0;
    for (int i = 0; i < 1000; i++)
        total += tak(x, y, z);
    printf("%ld\n", total);
    return 0;
}
