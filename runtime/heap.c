/*
 * runtime/heap.c - the semispaces and the allocation slow path.
 *
 * In:  the heap configuration main() reads from the environment
 *      (ZOOT_HEAP_MAX, ZOOT_GC_STRESS, ZOOT_GC_VERBOSE); calls to
 *      zrt_gc_alloc when an inline bump allocation does not fit.
 * Out: zrt_heap_ptr/zrt_heap_limit describing free space, collections
 *      (through gc.c), heap growth, and the "heap exhausted" error.
 *
 * Why it exists: this file owns the policy -- when to collect, how big the
 * next space is, what to do when memory runs out -- and gc.c owns the
 * mechanism of copying.
 *
 * Policy.  The heap is one semispace of SIZE words; a collection copies
 * the live objects into a fresh space of the next size.  When more than
 * a quarter of the new space is live, the next space is twice as big, up to
 * the maximum (ZOOT_HEAP_MAX bounds one semispace, i.e. the live data; a
 * collection briefly needs two).  If a request still does not fit we
 * collect again at once into a space big enough.  Once the space has its
 * maximum size, its last sixteenth is a reserve: running out of the rest
 * raises the Zoot error "heap exhausted" with the reserve opened, so the
 * program's handlers and the normal error report have room to run.
 * Running out again while the reserve is open prints the error and exits
 * 70 directly.  The reserve closes again once a collection finds the live
 * data back under half of the space.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

zval *zrt_heap_ptr, *zrt_heap_limit;
zint zrt_gc_epoch;

static zval *space_lo;		/* the current semispace */
static size_t space_words;
static size_t next_words;	/* size of the next to-space */
static size_t max_words;
static size_t reserve_words;
static int reserve_open;
static zval *spare_lo;		/* the last from-space, kept for reuse */
static size_t spare_words;
static int stress, verbose;
static zint collections;

static size_t round_words(size_t bytes)
{
	size_t words = bytes / sizeof(zval);

	return words / ZRT_ALIGN_WORDS * ZRT_ALIGN_WORDS;
}

/* The end of the part of the space allocation may use. */
static zval *usable_end(void)
{
	size_t words = space_words;

	if (space_words >= max_words && !reserve_open)
		words -= reserve_words;
	return space_lo + words;
}

static void set_limit(void)
{
	zrt_heap_limit = stress ? zrt_heap_ptr : usable_end();
}

static zval *get_space(size_t words)
{
	zval *p;

	if (spare_lo && spare_words == words) {
		p = spare_lo;
		spare_lo = NULL;
		return p;
	}
	/* A spare of another size will not be used again as it is (spaces
	 * only grow): the new space takes its pages, which are already
	 * committed, so growing needs the current space and the new one
	 * only (a guest has no memory to spare). */
	if (spare_lo) {
		p = zrt_host_grow(spare_lo, spare_words * sizeof(zval),
				  words * sizeof(zval));
		spare_lo = NULL;
		return p;
	}
	return zrt_host_map(words * sizeof(zval));
}

/* Keep one old space: most collections reuse a space of the same size,
 * and its pages are already committed. */
static void release_space(zval *lo, size_t words)
{
	if (spare_lo)
		zrt_host_unmap(spare_lo, spare_words * sizeof(zval));
	spare_lo = lo;
	spare_words = words;
}

void zrt_heap_init(const struct zrt_heap_config *config)
{
	max_words = round_words(config->max_bytes);
	space_words = round_words(config->initial_bytes);
	if (space_words > max_words)
		space_words = max_words;
	reserve_words = max_words / 16 / ZRT_ALIGN_WORDS * ZRT_ALIGN_WORDS;
	stress = config->stress;
	verbose = config->verbose;
	space_lo = zrt_host_map(space_words * sizeof(zval));
	if (!space_lo)
		zrt_fatal("heap exhausted (cannot map the initial heap)");
	next_words = space_words;
	zrt_heap_ptr = space_lo;
	set_limit();
}

int zrt_heap_contains(const void *p)
{
	const zval *q = p;

	return q >= space_lo && q < space_lo + space_words;
}

size_t zrt_heap_size_bytes(void)
{
	return space_words * sizeof(zval);
}

size_t zrt_heap_live_bytes(void)
{
	return (size_t)(zrt_heap_ptr - space_lo) * sizeof(zval);
}

/* Copy the live data into a space of TO_WORDS words; -1 when no memory. */
static int collect_into(size_t to_words)
{
	uint64_t start = verbose ? zrt_host_nanoseconds() : 0;
	size_t from_used = (size_t)(zrt_heap_ptr - space_lo);
	zval *to = get_space(to_words);
	zval *free;

	if (!to)
		return -1;
	free = zrt_gc_copy(space_lo, space_lo + space_words, to, to + to_words);
	release_space(space_lo, space_words);
	space_lo = to;
	space_words = to_words;
	zrt_heap_ptr = free;
	set_limit();		/* the old limit points into from-space */
	zrt_gc_epoch = (zrt_gc_epoch + 1) & FIXNUM_MAX;
	collections++;
	if (verbose) {
		char line[160];
		uint64_t ns = zrt_host_nanoseconds() - start;

		snprintf(line, sizeof(line),
			 "gc %ld: %lu KiB -> %lu KiB live, space %lu KiB, %lu.%03lu ms\n",
			 (long)collections,
			 (unsigned long)(from_used * sizeof(zval) / 1024),
			 (unsigned long)((size_t)(free - to) * sizeof(zval) / 1024),
			 (unsigned long)(to_words * sizeof(zval) / 1024),
			 (unsigned long)(ns / 1000000), (unsigned long)(ns / 1000 % 1000));
		zrt_host_write_str(2, line);
	}
	return 0;
}

/* NEED words do not fit even in a space of the maximum size. */
static _Noreturn void exhausted(size_t need)
{
	/* A single request beyond the maximum leaves the heap usable:
	 * report it without touching the reserve. */
	if (need <= max_words - reserve_words) {
		if (reserve_open)
			zrt_fatal_backtrace("heap exhausted");
		reserve_open = 1;
		set_limit();
	}
	zrt_simple_error("heap exhausted");
}

/* The smallest doubling of the space (capped at the maximum) where
 * LIVE + NEED words fit. */
static size_t size_to_fit(size_t live, size_t need)
{
	size_t words = space_words;

	while (words < max_words) {
		words = words > max_words / 2 ? max_words : words * 2;
		if (live + need <= words - (words >= max_words ? reserve_words : 0))
			break;
	}
	return words;
}

/* Free words below the usable end.  Zero, not negative, when the live
 * data reaches past it: that happens when the maximum was lowered to
 * the current size because the system refused a bigger space. */
static size_t room(void)
{
	zval *end = usable_end();

	return zrt_heap_ptr < end ? (size_t)(end - zrt_heap_ptr) : 0;
}

/* Collect (and grow) until NEED words fit below the usable end. */
static void make_room(size_t need)
{
	for (;;) {
		size_t live;

		if (collect_into(next_words) < 0) {
			/* The system refused a bigger space: make the
			 * current size the maximum and carry on there. */
			if (next_words == space_words)
				zrt_fatal_backtrace("heap exhausted (out of memory)");
			max_words = space_words;
			reserve_words = max_words / 16 / ZRT_ALIGN_WORDS * ZRT_ALIGN_WORDS;
			next_words = space_words;
			continue;
		}
		live = (size_t)(zrt_heap_ptr - space_lo);
		if (reserve_open && live <= (space_words - reserve_words) / 2)
			reserve_open = 0;
		/* Keep the space at least four times the live data: a
		 * copying collection costs the live data, so the space
		 * left free between collections is what pays for it (half
		 * made the compiler spend half its time collecting). */
		if (live > space_words / 4 && space_words < max_words)
			next_words = space_words > max_words / 2 ? max_words : space_words * 2;
		if (need <= room())
			return;
		if (space_words < max_words && need <= max_words) {
			size_t fit = size_to_fit(live, need);

			if (fit > next_words)
				next_words = fit;
			continue;
		}
		exhausted(need);
	}
}

zval *zrt_gc_alloc(zval words)
{
	zval *p;

	if (stress || words > room())
		make_room(words);
	p = zrt_heap_ptr;
	zrt_heap_ptr = p + words;
	set_limit();
	return p;
}

void zrt_collect_now(void)
{
	make_room(0);
	set_limit();
}

/* "64m" -> 67108864.  Digits with an optional k, m or g; 0 if invalid or
 * below 64 KiB (too small to run the error handlers in). */
size_t zrt_parse_size(const char *text)
{
	size_t n = 0, unit = 1;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > ((size_t)-1 - 9) / 10)
			return 0;
		n = n * 10 + (size_t)(*p - '0');
	}
	switch (*p) {
	case 'k': case 'K': unit = (size_t)1 << 10; p++; break;
	case 'm': case 'M': unit = (size_t)1 << 20; p++; break;
	case 'g': case 'G': unit = (size_t)1 << 30; p++; break;
	}
	if (*p != '\0' || n > (size_t)-1 / unit)
		return 0;
	n *= unit;
	return n < ((size_t)64 << 10) ? 0 : n;
}

static int flag(const char *name)
{
	const char *s = getenv(name);

	return s && *s && strcmp(s, "0") != 0;
}

/* The settings of the environment: ZOOT_GC_STRESS, ZOOT_GC_VERBOSE, and
 * ZOOT_HEAP_MAX in place of the platform's default maximum; an invalid
 * size is reported and ends the program (status 70). */
void zrt_heap_config_from_env(struct zrt_heap_config *config)
{
	const char *max = getenv("ZOOT_HEAP_MAX");

	config->stress = flag("ZOOT_GC_STRESS");
	config->verbose = flag("ZOOT_GC_VERBOSE");
	if (!max)
		return;
	config->max_bytes = zrt_parse_size(max);
	if (!config->max_bytes) {
		zrt_host_write_str(2, "error: invalid ZOOT_HEAP_MAX \"");
		zrt_host_write_str(2, max);
		zrt_host_write_str(2, "\": expected a size of at least 64k, such as 512m or 2g\n");
		zrt_host_exit(70);
	}
}
