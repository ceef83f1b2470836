/*
 * runtime/guest/include/string.h - the <string.h> of a guest kernel.
 *
 * In:  nothing.
 * Out: declarations of the memory and string functions that the
 *      portable runtime (the C files in runtime/) and the guest layer use, all
 *      implemented in runtime/guest/libc.c.
 *
 * Why it exists: a guest is compiled without the system's headers
 * (-nostdinc), so that nothing from libc can slip in unnoticed; the
 * portable runtime still says #include <string.h>, and finds this.
 */
#ifndef ZOOT_GUEST_STRING_H
#define ZOOT_GUEST_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
char *strchr(const char *s, int c);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
