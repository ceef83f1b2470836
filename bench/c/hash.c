/* hash.c -- benchmark: hash table of integer keys; the C reference for
 * bench/programs/hash.zt.  A table with open addressing (linear probing,
 * tombstones for deletions, doubling when 2/3 full), 10 rounds of 100000
 * inserts, 200000 lookups, 50000 deletions and 100000 lookups.  The hash
 * only folds the high bits down, as runtimes commonly do for fixnums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { EMPTY, FULL, DELETED };

struct slot {
    long key, value;
    int state;
};

struct table {
    struct slot *slots;
    size_t cap, count, used; /* used: full + deleted slots */
};

static size_t hash(long key, size_t cap)
{
    return (size_t)((uint64_t)key ^ ((uint64_t)key >> 16)) & (cap - 1);
}

static void init(struct table *t, size_t cap)
{
    t->slots = calloc(cap, sizeof *t->slots);
    if (!t->slots) {
        perror("calloc");
        exit(70);
    }
    t->cap = cap;
    t->count = t->used = 0;
}

static void set(struct table *t, long key, long value);

static void grow(struct table *t)
{
    struct table old = *t;
    init(t, old.cap * 2);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].state == FULL)
            set(t, old.slots[i].key, old.slots[i].value);
    free(old.slots);
}

static void set(struct table *t, long key, long value)
{
    if (3 * (t->used + 1) > 2 * t->cap)
        grow(t);
    size_t i = hash(key, t->cap), tomb = (size_t)-1;
    for (;; i = (i + 1) & (t->cap - 1)) {
        struct slot *s = &t->slots[i];
        if (s->state == EMPTY)
            break;
        if (s->state == DELETED) {
            if (tomb == (size_t)-1)
                tomb = i;
        } else if (s->key == key) {
            s->value = value;
            return;
        }
    }
    if (tomb != (size_t)-1)
        i = tomb;
    else
        t->used++;
    t->slots[i] = (struct slot){key, value, FULL};
    t->count++;
}

static struct slot *find(struct table *t, long key)
{
    for (size_t i = hash(key, t->cap);; i = (i + 1) & (t->cap - 1)) {
        struct slot *s = &t->slots[i];
        if (s->state == EMPTY)
            return NULL;
        if (s->state == FULL && s->key == key)
            return s;
    }
}

static void delete(struct table *t, long key)
{
    struct slot *s = find(t, key);
    if (s) {
        s->state = DELETED;
        t->count--;
    }
}

/* bench/run -DFIXNUM30 for the targets with 30-bit fixnums (i386, ARM):
 * the value stored under key 7i is i mod 100, as in bench/programs/fix30/
 * hash.zt, so that the sum of the values found stays below 2^29. */
#ifdef FIXNUM30
#define VALUE(i) ((i) % 100)
#else
#define VALUE(i) (i)
#endif

int main(void)
{
    const long n = 100000;
    long hits = 0, sum = 0, size = 0;
    for (int round = 0; round < 10; round++) {
        struct table t;
        init(&t, 16);
        for (long i = 0; i < n; i++)
            set(&t, i * 7, VALUE(i));
        for (long i = 0; i < n; i++) {
            struct slot *v = find(&t, i * 7), *w = find(&t, i * 7 + 3);
            hits += (v != NULL) + (w != NULL);
            if (v)
                sum += v->value;
        }
        for (long i = 0; i < n; i += 2)
            delete(&t, i * 7);
        for (long i = 0; i < n; i++) {
            struct slot *v = find(&t, i * 7);
            if (v) {
                hits++;
                sum += v->value;
            }
        }
        size += (long)t.count;
        free(t.slots);
    }
    printf("%ld %ld %ld\n", hits, sum, size);
    return 0;
}
