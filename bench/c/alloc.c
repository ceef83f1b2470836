/* alloc.c -- benchmark: short-lived lists with malloc and free; the C
 * reference for bench/programs/alloc.zt.  1000 times: build a list of
 * 10000 numbers, reverse it into a new list, map it (adding the round
 * number) into a third, sum; every cell is a malloc'd pair and is freed
 * again, as a collector would reclaim it. */
#include <stdio.h>
#include <stdlib.h>

struct pair {
    long car;
    struct pair *cdr;
};

static struct pair *cons(long car, struct pair *cdr)
{
    struct pair *p = malloc(sizeof *p);
    if (!p) {
        perror("malloc");
        exit(70);
    }
    p->car = car;
    p->cdr = cdr;
    return p;
}

static struct pair *build(long n)
{
    struct pair *l = NULL;
    for (long i = n; i > 0; i--)
        l = cons(i, l);
    return l;
}

static struct pair *reverse(struct pair *l)
{
    struct pair *r = NULL;
    for (; l; l = l->cdr)
        r = cons(l->car, r);
    return r;
}

/* map in order: a new list, built front to back */
static struct pair *map_add(struct pair *l, long k)
{
    struct pair head = {0, NULL}, *tail = &head;
    for (; l; l = l->cdr) {
        tail->cdr = cons(l->car + k, NULL);
        tail = tail->cdr;
    }
    return head.cdr;
}

static long sum(struct pair *l)
{
    long s = 0;
    for (; l; l = l->cdr)
        s += l->car;
    return s;
}

static long length(struct pair *l)
{
    long n = 0;
    for (; l; l = l->cdr)
        n++;
    return n;
}

static void free_list(struct pair *l)
{
    while (l) {
        struct pair *next = l->cdr;
        free(l);
        l = next;
    }
}

/* The total passes 2^31: long long, for the 32-bit targets (i386, ARM),
 * where long has 32 bits; the same as long on x86-64. */
int main(void)
{
    long long total = 0;
    for (long k = 1000; k > 0; k--) {
        struct pair *l = build(10000);
        struct pair *r = reverse(l);
        struct pair *m = map_add(r, k);
        total += sum(m) + length(l);
        free_list(l);
        free_list(r);
        free_list(m);
    }
    printf("%lld\n", total);
    return 0;
}
