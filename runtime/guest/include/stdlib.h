/*
 * runtime/guest/include/stdlib.h - the <stdlib.h> of a guest kernel.
 *
 * In:  nothing.
 * Out: declarations of the allocator (runtime/guest/malloc.c), qsort
 *      (runtime/guest/libc.c) and getenv (runtime/guest/os.c, over the
 *      environment given on the kernel command line).
 *
 * Why it exists: see runtime/guest/include/string.h.  Only what the
 * portable runtime calls is here; exit is deliberately missing (the
 * runtime ends through zrt_host_exit).
 */
#ifndef ZOOT_GUEST_STDLIB_H
#define ZOOT_GUEST_STDLIB_H

#include <stddef.h>

void *malloc(size_t n);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);
void qsort(void *base, size_t count, size_t size,
	   int (*compare)(const void *, const void *));
char *getenv(const char *name);

#endif
