/*
 * runtime/heap.c - the nursery, the old space and the allocation slow path.
 *
 * In:  the heap configuration main() reads from the environment
 *      (ZOOT_HEAP_MAX, ZOOT_NURSERY, ZOOT_GC_STRESS, ZOOT_GC_VERBOSE);
 *      calls to zrt_gc_alloc when an inline bump allocation does not fit.
 * Out: zrt_heap_ptr/zrt_heap_limit describing free space in the nursery,
 *      the card table globals describing the old space, collections
 *      (through gc.c), growth of the old space, and the "heap exhausted"
 *      error.
 *
 * Why it exists: this file owns the policy -- when to collect which
 * generation, how big the next old space is, what to do when memory runs
 * out -- and gc.c owns the mechanism of copying.
 *
 * Policy.  Objects are allocated in the nursery, a fixed space of
 * ZOOT_NURSERY bytes (default 2 MiB but at most half the first old
 * space; at most a sixteenth of the maximum).
 * When it is full, a minor collection promotes its survivors to the end
 * of the old space.  The old space is one semispace of SIZE words, used
 * from the bottom up; the top nursery's worth of it is always kept free,
 * so that a minor collection (or a major one, which copies the nursery
 * too) always has room.  When a minor collection finds less than a whole
 * nursery free below that, the next collection is major: the live
 * objects of both generations are copied into a fresh old space of the
 * next size.  When more than a quarter of the new space is live, the
 * next space is twice as big, up to the maximum (ZOOT_HEAP_MAX bounds
 * one semispace; a major collection briefly needs two); a major
 * collection that does not leave a whole nursery free (and the request,
 * for a large object) collects again at once into a space big enough.
 * Objects of an eighth of the nursery or more are allocated straight in
 * the old space (copying them out of the nursery would cost more than
 * they are likely to die there).  Once the space has its maximum size,
 * its last sixteenth is a reserve: running out of the rest raises the
 * Zoot error "heap exhausted" with the reserve opened, so the program's
 * handlers and the normal error report have room to run.  Running out
 * again while the reserve is open prints the error and exits 70
 * directly.  The reserve closes again once a collection finds the live
 * data back under half of the space.  ZOOT_GC_STRESS collects at every
 * allocation, minor and major in turn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

#define DEFAULT_NURSERY ((size_t)2 << 20)

zval *zrt_heap_ptr, *zrt_heap_limit;
zint zrt_gc_epoch;

static zval *nursery_lo;
static size_t nursery_words;
static size_t large_words;	/* from this size on, straight to the old space */
static zval *space_lo;		/* the current old space */
static size_t space_words;
static zval *old_free;		/* its end of allocation */
static zval *old_scan;		/* the end of the last collection's copy */
static int major_due;
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

/* How much of an old space of WORDS words allocation may use: all but
 * the nursery's worth kept for the collector and, at the maximum size,
 * the reserve while it is closed. */
static size_t usable_words(size_t words)
{
	size_t keep = nursery_words;

	if (words >= max_words && !reserve_open)
		keep += reserve_words;
	return words > keep ? words - keep : 0;
}

/* Free words below the usable end of the old space.  Zero, not
 * negative, when the live data reaches past it: that happens when the
 * maximum was lowered to the current size because the system refused a
 * bigger space. */
static size_t old_room(void)
{
	zval *end = space_lo + usable_words(space_words);

	return old_free < end ? (size_t)(end - old_free) : 0;
}

static void set_limit(void)
{
	zrt_heap_limit = stress ? zrt_heap_ptr : nursery_lo + nursery_words;
}

/* The card table and the starts now describe the old space LO of WORDS
 * words, all clean and empty. */
static void set_cards(zval *lo, size_t words)
{
	size_t bytes = words * sizeof(zval);
	size_t n = (bytes + ZRT_CARD_BYTES - 1) >> ZRT_CARD_SHIFT;

	zrt_card.lo = (uintptr_t)lo;
	zrt_card.bytes = bytes;
	memset(zrt_card.cards, 0, n);
	memset(zrt_card_starts, NO_START, n);
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
	size_t ncards;

	max_words = round_words(config->max_bytes);
	space_words = round_words(config->initial_bytes);
	if (space_words > max_words)
		space_words = max_words;
	/* The default nursery is at most half the first old space, which
	 * keeps a small heap small; an explicit one is as asked. */
	nursery_words = round_words(config->nursery_bytes ? config->nursery_bytes
				    : DEFAULT_NURSERY);
	if (!config->nursery_bytes && nursery_words > space_words / 2)
		nursery_words = round_words(space_words / 2 * sizeof(zval));
	if (nursery_words > max_words / 16)
		nursery_words = round_words(max_words / 16 * sizeof(zval));
	large_words = nursery_words / 8;
	/* The old space always keeps a nursery's worth free for the
	 * collector (usable_words). */
	if (space_words < 2 * nursery_words)
		space_words = 2 * nursery_words;
	reserve_words = max_words / 16 / ZRT_ALIGN_WORDS * ZRT_ALIGN_WORDS;
	stress = config->stress;
	verbose = config->verbose;
	/* One card table for every old space up to the maximum size; the
	 * host commits its pages as they are used. */
	ncards = (max_words * sizeof(zval) + ZRT_CARD_BYTES - 1) >> ZRT_CARD_SHIFT;
	zrt_card.cards = zrt_host_map(ncards);
	zrt_card_starts = zrt_host_map(ncards);
	nursery_lo = zrt_host_map(nursery_words * sizeof(zval));
	space_lo = zrt_host_map(space_words * sizeof(zval));
	if (!space_lo || !nursery_lo || !zrt_card.cards || !zrt_card_starts)
		zrt_fatal("heap exhausted (cannot map the initial heap)");
	set_cards(space_lo, space_words);
	old_free = old_scan = space_lo;
	next_words = space_words;
	zrt_heap_ptr = nursery_lo;
	set_limit();
}

int zrt_heap_contains(const void *p)
{
	const zval *q = p;

	return (q >= space_lo && q < space_lo + space_words) ||
		(q >= nursery_lo && q < nursery_lo + nursery_words);
}

size_t zrt_heap_size_bytes(void)
{
	return space_words * sizeof(zval);
}

size_t zrt_heap_live_bytes(void)
{
	return (size_t)(old_free - space_lo + (zrt_heap_ptr - nursery_lo)) * sizeof(zval);
}

static void report(const char *kind, uint64_t start, size_t young, size_t before)
{
	char line[200];
	uint64_t ns = zrt_host_nanoseconds() - start;

	snprintf(line, sizeof(line),
		 "gc %ld %s: %lu KiB young + %lu KiB old -> %lu KiB old, space %lu KiB, %lu.%03lu ms\n",
		 (long)collections, kind,
		 (unsigned long)(young * sizeof(zval) / 1024),
		 (unsigned long)(before * sizeof(zval) / 1024),
		 (unsigned long)((size_t)(old_free - space_lo) * sizeof(zval) / 1024),
		 (unsigned long)(space_words * sizeof(zval) / 1024),
		 (unsigned long)(ns / 1000000), (unsigned long)(ns / 1000 % 1000));
	zrt_host_write_str(2, line);
}

/* Every collection may move keys hashed by address. */
static void collected(void)
{
	zrt_heap_ptr = nursery_lo;
	set_limit();		/* the old limit may point past the pointer */
	zrt_gc_epoch = (zrt_gc_epoch + 1) & FIXNUM_MAX;
	collections++;
}

/* Promote the nursery's survivors to the old space, which has room for
 * the whole nursery above its usable end. */
static void minor(void)
{
	uint64_t start = verbose ? zrt_host_nanoseconds() : 0;
	size_t young = (size_t)(zrt_heap_ptr - nursery_lo);
	size_t before = (size_t)(old_free - space_lo);

	old_free = zrt_gc_minor(nursery_lo, zrt_heap_ptr, old_scan, old_free);
	old_scan = old_free;
	collected();
	if (old_room() < nursery_words)
		major_due = 1;
	if (verbose)
		report("minor", start, young, before);
}

/* Copy the live data of both generations into an old space of TO_WORDS
 * words; -1 when no memory. */
static int major(size_t to_words)
{
	uint64_t start = verbose ? zrt_host_nanoseconds() : 0;
	size_t young = (size_t)(zrt_heap_ptr - nursery_lo);
	size_t before = (size_t)(old_free - space_lo);
	zval *to = get_space(to_words);

	if (!to)
		return -1;
	set_cards(to, to_words);
	old_free = zrt_gc_major(nursery_lo, zrt_heap_ptr, space_lo, old_free,
				to, to + to_words);
	release_space(space_lo, space_words);
	space_lo = to;
	space_words = to_words;
	old_scan = old_free;
	major_due = 0;
	collected();
	if (verbose)
		report("major", start, young, before);
	return 0;
}

/* NEED words do not fit even in a space of the maximum size. */
static _Noreturn void exhausted(size_t need)
{
	/* A single request beyond the maximum leaves the heap usable:
	 * report it without touching the reserve. */
	if (need + nursery_words <= usable_words(max_words)) {
		if (reserve_open)
			zrt_fatal_backtrace("heap exhausted");
		reserve_open = 1;
		set_limit();
	}
	zrt_simple_error("heap exhausted");
}

/* The smallest doubling of the space (capped at the maximum) where
 * LIVE + NEED words fit below the usable end. */
static size_t size_to_fit(size_t live, size_t need)
{
	size_t words = space_words;

	while (words < max_words) {
		words = words > max_words / 2 ? max_words : words * 2;
		if (live + need <= usable_words(words))
			break;
	}
	return words;
}

/* Major collections (and growth) until NEED words and a whole nursery
 * fit below the usable end of the old space. */
static void make_old_room(size_t need)
{
	for (;;) {
		size_t live;

		if (major(next_words) < 0) {
			/* The system refused a bigger space: make the
			 * current size the maximum and carry on there. */
			if (next_words == space_words)
				zrt_fatal_backtrace("heap exhausted (out of memory)");
			max_words = space_words;
			reserve_words = max_words / 16 / ZRT_ALIGN_WORDS * ZRT_ALIGN_WORDS;
			next_words = space_words;
			continue;
		}
		live = (size_t)(old_free - space_lo);
		if (reserve_open && live <= (space_words - reserve_words) / 2)
			reserve_open = 0;
		/* Keep the space at least four times the live data: a
		 * copying collection costs the live data, so the space
		 * left free between collections is what pays for it (half
		 * made the compiler spend half its time collecting). */
		if (live > space_words / 4 && space_words < max_words)
			next_words = space_words > max_words / 2 ? max_words : space_words * 2;
		if (need + nursery_words <= old_room())
			return;
		if (space_words < max_words && need + nursery_words <= usable_words(max_words)) {
			size_t fit = size_to_fit(live, need + nursery_words);

			if (fit > next_words)
				next_words = fit;
			continue;
		}
		exhausted(need);
	}
}

/* One collection: minor, unless a major one is due, or the old space
 * cannot take the whole nursery, or the stress mode's turn is major. */
static void collect(void)
{
	size_t young = (size_t)(zrt_heap_ptr - nursery_lo);

	if ((stress && (collections & 1)) || major_due || old_room() < young)
		make_old_room(0);
	else
		minor();
}

/* WORDS words of a large object, in the old space. */
static zval *alloc_old(size_t words)
{
	zval *p;

	if (stress)
		collect();
	if (old_room() < words)
		make_old_room(words);
	p = old_free;
	old_free += words;
	if (old_room() < nursery_words)
		major_due = 1;
	return p;
}

zval *zrt_gc_alloc(zval words)
{
	zval *p;

	if (words >= large_words && large_words > 0)
		return alloc_old(words);
	if (stress || words > (size_t)(nursery_lo + nursery_words - zrt_heap_ptr))
		collect();
	p = zrt_heap_ptr;
	zrt_heap_ptr = p + words;
	set_limit();
	return p;
}

void zrt_collect_now(void)
{
	make_old_room(0);
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

/* NAME's size into *BYTES when it is set; an invalid size is reported
 * and ends the program (status 70). */
static void size_from_env(const char *name, size_t *bytes)
{
	const char *text = getenv(name);

	if (!text)
		return;
	*bytes = zrt_parse_size(text);
	if (!*bytes) {
		zrt_host_write_str(2, "error: invalid ");
		zrt_host_write_str(2, name);
		zrt_host_write_str(2, " \"");
		zrt_host_write_str(2, text);
		zrt_host_write_str(2, "\": expected a size of at least 64k, such as 512m or 2g\n");
		zrt_host_exit(70);
	}
}

/* The settings of the environment: ZOOT_GC_STRESS, ZOOT_GC_VERBOSE,
 * ZOOT_NURSERY (the nursery's size), and ZOOT_HEAP_MAX in place of the
 * platform's default maximum. */
void zrt_heap_config_from_env(struct zrt_heap_config *config)
{
	config->stress = flag("ZOOT_GC_STRESS");
	config->verbose = flag("ZOOT_GC_VERBOSE");
	config->nursery_bytes = 0;
	size_from_env("ZOOT_HEAP_MAX", &config->max_bytes);
	size_from_env("ZOOT_NURSERY", &config->nursery_bytes);
}
