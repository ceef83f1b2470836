/*
 * runtime/guest/libc.c - the few C library functions a guest needs.
 *
 * In:  calls from the portable runtime (the C files in runtime/), the guest layer,
 *      and the C compiler itself, which may call memcpy, memset, memmove
 *      and memcmp for structure copies and comparisons.
 * Out: memory and string functions, qsort, snprintf/vsnprintf.
 *
 * Why it exists: a guest has no libc.  `nm build/x86_64/libzrt.a | grep
 * " U "` lists what the portable runtime takes from libc; this file and
 * malloc.c (allocation) and os.c (getenv) provide exactly that.
 *
 * The build compiles this file (all of runtime/guest/) with
 * -fno-tree-loop-distribute-patterns: otherwise GCC may recognise the
 * loops below as a memcpy or memset and compile them into a call to
 * themselves.
 *
 * They are written for clarity over speed, with two exceptions that
 * matter: memcpy and memset move whole words when they can (the
 * collector copies every live object with memcpy), and qsort is a
 * merge sort of the runs already in order (see there), since sorting
 * the call-site table is part of every guest's start-up.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define ALIGNED(p, q) ((((uintptr_t)(p) | (uintptr_t)(q)) & (sizeof(uint64_t) - 1)) == 0)

/* A word that may alias anything, for the word-at-a-time loops. */
typedef uint64_t __attribute__((may_alias)) word;

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (ALIGNED(d, s)) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(word *)(void *)d = *(const word *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Copies backwards when the destination overlaps the source's end. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t pattern = (unsigned char)c * 0x0101010101010101ull;

	while (n > 0 && ((uintptr_t)d & 7)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(word *)(void *)d = pattern;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == (unsigned char)c)
			return (void *)(p + i);
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

int strncmp(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			break;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

/* ---- qsort ------------------------------------------------------------- */

/*
 * A natural merge sort: each pass merges neighbouring ascending runs
 * into a buffer as big as the array, until one run is left.  The table
 * it matters for, the call sites (backtrace.c), is a few long sorted runs
 * one after another (one per object file), which this sorts in a pass or
 * two.  Without memory for the buffer, a heap sort does it in place.
 */

static void swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Let element I sink until the heap of the first N elements is in
 * order again below it. */
static void sift_down(unsigned char *base, size_t i, size_t n, size_t size,
		      int (*compare)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * i + 1, big = i;

		if (child < n && compare(base + child * size, base + big * size) > 0)
			big = child;
		if (child + 1 < n && compare(base + (child + 1) * size, base + big * size) > 0)
			big = child + 1;
		if (big == i)
			return;
		swap_bytes(base + i * size, base + big * size, size);
		i = big;
	}
}

static void heap_sort(unsigned char *b, size_t count, size_t size,
		      int (*compare)(const void *, const void *))
{
	size_t i;

	for (i = count / 2; i-- > 0;)
		sift_down(b, i, count, size, compare);
	for (i = count - 1; i > 0; i--) {
		swap_bytes(b, b + i * size, size);
		sift_down(b, 0, i, size, compare);
	}
}

/* The end of the ascending run of SRC starting at I (of N). */
static size_t run_end(const unsigned char *src, size_t i, size_t n, size_t size,
		      int (*compare)(const void *, const void *))
{
	for (i++; i < n && compare(src + (i - 1) * size, src + i * size) <= 0; i++)
		;
	return i;
}

void qsort(void *base, size_t count, size_t size,
	   int (*compare)(const void *, const void *))
{
	unsigned char *src = base, *dst, *tmp;

	if (count < 2 || size == 0)
		return;
	tmp = count <= (size_t)-1 / size ? malloc(count * size) : NULL;
	if (!tmp) {
		heap_sort(base, count, size, compare);
		return;
	}
	dst = tmp;
	for (;;) {
		size_t i = 0, runs = 0;

		while (i < count) {
			size_t mid = run_end(src, i, count, size, compare);
			size_t end = mid < count ? run_end(src, mid, count, size, compare) : mid;
			size_t a = i, b = mid, o = i;

			while (a < mid || b < end) {
				/* Equal keys from the first run first: stable. */
				if (b >= end || (a < mid && compare(src + a * size, src + b * size) <= 0))
					memcpy(dst + o++ * size, src + a++ * size, size);
				else
					memcpy(dst + o++ * size, src + b++ * size, size);
			}
			i = end;
			runs++;
		}
		src = dst;
		dst = src == tmp ? base : tmp;
		if (runs == 1)
			break;
	}
	if (src != base)
		memcpy(base, src, count * size);
	free(tmp);
}

/* ---- snprintf -------------------------------------------------------- */

/*
 * Conversions: %d %i %u %x %s %c %%, with the flags '-' and '0', a field
 * width, and the length modifiers l, ll and z.  Output is cut at SIZE - 1
 * characters and always terminated; the return value is the length the
 * whole output would have had, as in C99.
 */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left && pad == '0' && n > 0 && s[0] == '-') {
		put(o, '-');
		s++;
		n--;
	}
	if (!left) {
		while (fill-- > 0)
			put(o, pad);
	}
	while (n--)
		put(o, *s++);
	if (left) {
		while (fill-- > 0)
			put(o, ' ');
	}
}

int vsnprintf(char *buf, size_t size, const char *format, va_list ap)
{
	struct out o = { buf, size, 0 };
	const char *f;

	for (f = format; *f; f++) {
		char digits[24], *d;
		int left = 0, width = 0, longs = 0;
		char pad = ' ';
		unsigned long long u;
		int negative = 0, base = 10;

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f++;
		for (; *f == '-' || *f == '0'; f++) {
			if (*f == '-')
				left = 1;
			else
				pad = '0';
		}
		for (; *f >= '0' && *f <= '9'; f++)
			width = width * 10 + (*f - '0');
		for (; *f == 'l' || *f == 'z'; f++)
			longs++;
		switch (*f) {
		case 'd':
		case 'i': {
			long long v = longs >= 2 ? va_arg(ap, long long)
				    : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);

			negative = v < 0;
			u = negative ? 0ull - (unsigned long long)v : (unsigned long long)v;
			break;
		}
		case 'u':
		case 'x':
			u = longs >= 2 ? va_arg(ap, unsigned long long)
			  : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			base = *f == 'x' ? 16 : 10;
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, strlen(s), width, left, ' ');
			continue;
		}
		case 'c':
			digits[0] = (char)va_arg(ap, int);
			put_padded(&o, digits, 1, width, left, ' ');
			continue;
		case '%':
			put(&o, '%');
			continue;
		default:	/* unknown: print it as it stands */
			put(&o, '%');
			if (!*f)
				goto done;
			put(&o, *f);
			continue;
		}
		d = digits + sizeof(digits);
		do {
			*--d = "0123456789abcdef"[u % (unsigned)base];
			u /= (unsigned)base;
		} while (u);
		if (negative)
			*--d = '-';
		put_padded(&o, d, (size_t)(digits + sizeof(digits) - d), width, left, pad);
	}
done:
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *format, ...)
{
	va_list ap;
	int n;

	va_start(ap, format);
	n = vsnprintf(buf, size, format, ap);
	va_end(ap);
	return n;
}
