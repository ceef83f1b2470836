/* nqueens.c -- benchmark: the number of placements of 10 queens, counted
 * 40 times, printing the total; the C reference for
 * bench/programs/nqueens.zt.  The same search (each column takes one of
 * the rows still free, checked against the queens placed, nearest
 * first), with arrays instead of lists. */
#include <stdio.h>

static int placed[32];   /* rows of the queens placed, in column order */

/* Can a queen go in row ROW of column NPLACED? */
static int ok(int row, int nplaced)
{
    for (int dist = 1; dist <= nplaced; dist++) {
        int other = placed[nplaced - dist];
        if (other == row + dist || other == row - dist)
            return 0;
    }
    return 1;
}

/* FREE holds the NFREE rows not used yet. */
static long try(int *free, int nfree, int nplaced)
{
    if (nfree == 0)
        return 1;
    long count = 0;
    for (int i = 0; i < nfree; i++) {
        int row = free[i];
        if (!ok(row, nplaced))
            continue;
        int rest[32], n = 0;
        for (int j = 0; j < nfree; j++)
            if (j != i)
                rest[n++] = free[j];
        placed[nplaced] = row;
        count += try(rest, n, nplaced + 1);
    }
    return count;
}

static long queens(int size)
{
    int rows[32];
    for (int i = 0; i < size; i++)
        rows[i] = i + 1;
    return try(rows, size, 0);
}

int main(void)
{
    volatile int size = 10;
    long total = 0;
    for (int k = 0; k < 40; k++)
        total += queens(size);
    printf("%ld\n", total);
    return 0;
}
