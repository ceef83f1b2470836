/*
 * runtime/gc.c - the generational copying collector: Cheney's algorithm
 * for both generations.
 *
 * In:  from heap.c, the spaces: the nursery (where generated code and C
 *      allocate), the old space (a bump region, [old_lo, old_free)) with
 *      its card table (zrt_card.cards, one byte per ZRT_CARD_BYTES of the old
 *      space, set by the write barrier) and its table of object starts
 *      (zrt_card_starts); for a major collection an empty to-space at
 *      least as big as the old space.  The roots: the Zoot frames on
 *      the stack (the live ones, and the words of the continuation chain
 *      still intact below them), the global cells (section zoot_globals,
 *      which holds zrt_cont_current), the static objects (sections
 *      zoot_static, zoot_static_pairs, zoot_symbols),
 *      zrt_args[0..zrt_args_live), the C root stack (ZROOT), the symbol
 *      table.
 * Out: a minor collection (zrt_gc_minor) copies every nursery object
 *      reachable from the roots and from the dirty cards to the end of
 *      the old space (promotion: a survivor of one minor collection is
 *      old); a major one (zrt_gc_major) copies everything reachable in
 *      the nursery and the old space into the to-space.  Every root and
 *      field is updated; both return the first free word of the old
 *      space.  The nursery is empty afterwards and every card clean.
 *
 * Why it exists: most objects die young, so collecting only the nursery
 * costs time in proportion to what survives it, not to the whole live
 * heap, and a big long-lived heap is copied only when the old space
 * fills.  Allocation stays a pointer bump.  Nothing recurses: the copied
 * region of the old space (or the to-space) is the queue of objects
 * still to scan, so a list of a million elements needs no C stack.
 *
 * Old-to-young pointers.  A store into an old object may make it point
 * into the nursery; the write barrier (inline in generated code, and
 * zrt_barrier in C; ABI.md "The write barrier") then marks the card
 * holding the object's header.  A minor collection scans every object
 * that starts in a dirty card, whole, as a root.  zrt_card_starts[c] is
 * the word offset of the first object starting in card c (NO_START if
 * none), so those objects can be found without parsing the space; it is
 * filled as objects are scanned in the old space, which happens to each
 * object once, in address order.  Objects heap.c allocated straight
 * into the old space since the last collection (large ones) have no
 * entries yet: they lie between the end of the last collection's copy
 * and the current end, and a minor collection scans that stretch whole,
 * before the objects it promotes, which follow it.  The static objects
 * and the global cells are not barriered: both kinds of collection scan
 * them as roots.
 *
 * Those are all the roots: the runtime's C code keeps no other values in
 * globals (the symbol table is the one C structure holding values; input
 * buffers and the saved argv hold bytes), and values in C locals are
 * protected with ZROOT.
 *
 * Forwarding: a copied pair gets ZFORWARD in its car and its new address
 * in its cdr; a copied object gets its new tagged address in place of its
 * header (tag 011, where a header has 110).  Anything outside from-space
 * (the nursery for a minor collection; the nursery and the old space for
 * a major one) is left alone: static data, immediates, fixnums, and old
 * objects during a minor collection.
 */
#include <string.h>
#include "zrt.h"

/* Linker-made bounds of the compiler's sections; weak, so a program
 * (or a unit test) without one of them still links, with both NULL. */
extern zval __start_zoot_globals[] __attribute__((weak));
extern zval __stop_zoot_globals[] __attribute__((weak));
extern zval __start_zoot_static[] __attribute__((weak));
extern zval __stop_zoot_static[] __attribute__((weak));
extern zval __start_zoot_static_pairs[] __attribute__((weak));
extern zval __stop_zoot_static_pairs[] __attribute__((weak));
extern zval __start_zoot_symbols[] __attribute__((weak));
extern zval __stop_zoot_symbols[] __attribute__((weak));

zval *zrt_zoot_frame;
zval *zrt_zoot_sp;
zval zrt_args[ZRT_MAX_ARGS];
zint zrt_args_live;

/* The barrier's view of the old space (heap.c sets them). */
struct zrt_card_table zrt_card;
unsigned char *zrt_card_starts;

/* From-space: one range (the nursery) or two (and the old space). */
static zval *from_lo, *from2_lo;
static uintptr_t from_bytes, from2_bytes;
static zval *to_free;

/* An unsigned comparison per range: an address below the range's start
 * wraps around to a difference far larger than the range. */
static inline int in_from(const zval *p)
{
	return ((uintptr_t)p - (uintptr_t)from_lo < from_bytes) |
		((uintptr_t)p - (uintptr_t)from2_lo < from2_bytes);
}

/*
 * The headed object at OBJ, copied; its new tagged address.  There is no
 * check for room: zrt_gc_copy makes sure to-space is at least as big as
 * from-space, and each object is copied once.
 */
static zval copy_object(const zval *obj)
{
	size_t n = object_words(obj[0]), i;
	zval *dst = to_free;

	to_free += n;
	/* Most objects are a few words (symbols, boxes, closures, records):
	 * a plain loop moves them for less than the call to memcpy costs. */
	if (n <= 8) {
		for (i = 0; i < n; i++)
			dst[i] = obj[i];
	} else {
		memcpy(dst, obj, n * sizeof(zval));
	}
	return MAKE_OBJ_PTR(dst);
}

/*
 * The collector's inner step, inlined into each loop that scans words
 * because it runs once per word scanned.  Pairs (tag 001) and objects
 * (011) are the values with bit 0 set and bit 2 clear, so one test lets
 * fixnums and immediates go at once.
 */
static inline __attribute__((always_inline)) void forward(zval *slot)
{
	zval v = *slot, w;
	zval *p;

	if ((v & 5u) != 1u)
		return;
	p = (zval *)(v & ~(zval)TAG_MASK);
	if (!in_from(p))
		return;
	w = p[0];
	if (v & 2u) {
		/* An object: its header, or its new address if moved. */
		if (IS_HEADER(w)) {
			w = copy_object(p);
			p[0] = w;
		}
		*slot = w;
	} else if (w == ZFORWARD) {
		*slot = p[1];
	} else {
		zval *copy = to_free;

		to_free += 2;
		copy[0] = w;
		copy[1] = p[1];
		p[0] = ZFORWARD;
		p[1] = *slot = MAKE_PAIR_PTR(copy);
	}
}

void zrt_gc_forward(zval *slot)
{
	forward(slot);
}

static inline void forward_range(zval *p, zval *end)
{
	for (; p < end; p++)
		forward(p);
}

/*
 * A continuation (continuations.c): its parent and its segment, then
 * the value slots of the frames of its stretch, in the segment's new
 * copy.  The raw fields (resume point, addresses) are left alone; the
 * words of the segment outside every frame's slots are raw too.
 */
static void scan_continuation(zval *p)
{
	zval k = MAKE_OBJ_PTR(p);
	struct zrt_frames w;

	forward(&CONT_PARENT(k));
	forward(&CONT_SEGMENT(k));
	if (!IS_OBJ(CONT_SEGMENT(k)))
		return;
	for (zrt_frames_start_in(&w, k); w.f; zrt_frames_next(&w, 0)) {
		zval marker = w.f[-1];

		if (marker != (zval)-1)
			forward_range(w.f - 1 - FIXNUM_VALUE(marker), w.f - 1);
	}
}

/*
 * Forward the value fields of the headed object at P; returns its size.
 * Inlined into scan_heap, which runs it for every object copied.
 */
static inline size_t scan_object(zval *p)
{
	zval header = p[0];
	size_t length = HEADER_LENGTH(header);

	switch (HEADER_TYPE(header)) {
	case OBJ_VECTOR:
	case OBJ_SYMBOL:
	case OBJ_RECORD:
	case OBJ_BOX:
	case OBJ_RECORD_TYPE:
	case OBJ_TABLE:
	case OBJ_RATNUM:
	case OBJ_COMPNUM:
		forward_range(p + 1, p + 1 + length);
		break;
	case OBJ_CLOSURE:
		/* Field 0 is the raw code address. */
		if (length > 1)
			forward_range(p + 2, p + 1 + length);
		break;
	case OBJ_STRING:
	case OBJ_RAW:
	case OBJ_BYTEVECTOR:
	case OBJ_BIGNUM:
	case OBJ_FLONUM:
		break;
	case OBJ_CONTINUATION:
		scan_continuation(p);
		break;
	default:
		zrt_fatal("internal error: corrupt object header in the heap");
	}
	return object_words(header);
}

/* Record P, an object about to be scanned in the old space (or in the
 * to-space that becomes it), in the starts of its card unless an
 * earlier object of the card is there already. */
static inline void note_start(const zval *p)
{
	uintptr_t off = (uintptr_t)p - zrt_card.lo;
	unsigned char *start = &zrt_card_starts[off >> ZRT_CARD_SHIFT];

	if (*start == NO_START)
		*start = (unsigned char)((off & (ZRT_CARD_BYTES - 1)) / sizeof(zval));
}

/* The object or pair at P scanned; the address after it. */
static zval *scan_item(zval *p)
{
	if (IS_HEADER(p[0]))
		return p + scan_object(p);
	forward(&p[0]);
	forward(&p[1]);
	return p + 2;
}

/* A stretch of objects and pairs laid out back to back (the old space
 * from P on), scanned up to the end of what is copied. */
static void scan_heap(zval *p)
{
	while (p < to_free) {
		note_start(p);
		p = scan_item(p);
	}
}

/* The headed objects of section zoot_static (or zoot_symbols); a zero
 * word is padding between objects. */
static void scan_static_objects(zval *p, zval *end)
{
	if (!p)
		return;
	while (p < end) {
		if (p[0] == 0)
			p++;
		else if (IS_HEADER(p[0]))
			p += scan_object(p);
		else
			zrt_fatal("internal error: corrupt static object section");
	}
}

/*
 * The Zoot frames, from the innermost outwards.  A frame's marker f[-1]
 * is the fixnum N of value slots f[-2] .. f[-1-N], and f[0] is the
 * caller's frame; an entry frame (marker -1, pushed when C calls Zoot)
 * holds the saved zrt_zoot_frame in f[-2] and the saved zrt_zoot_sp in
 * f[-3], both raw.  The walk ends at the frame that returns into
 * zrt_cont_underflow, if any (ABI.md, "Continuations").
 */
static void scan_frames(void)
{
	zval *f = zrt_zoot_frame;

	while (f) {
		zval marker = f[-1];

		if (marker == (zval)-1) {
			f = (zval *)f[-2];
			continue;
		}
		forward_range(f - 1 - FIXNUM_VALUE(marker), f - 1);
		/* The boundary frame: below it the stack belongs to the
		 * continuations, which are scanned as objects. */
		if (f[1] == (zval)zrt_cont_underflow)
			break;
		f = (zval *)f[0];
	}
}

/*
 * The words of the current chain of continuations that are still
 * intact on the stack (continuations.c) are frames like the live ones:
 * their slots are forwarded as their copies' are, so that a
 * continuation resumed without copying finds them up to date.  Called
 * first, while no continuation can have moved; a chain member found
 * moved all the same (a slot of one of these frames holds it) is read
 * in its new copy.
 */
static void scan_intact(void)
{
	zval *intact = zrt_cont_intact_at();
	zval k = zrt_cont_current;
	struct zrt_frames w;

	while (IS_OBJ(k)) {
		zval *p = OBJ_PTR(k);

		if (!IS_HEADER(p[0]))
			p = OBJ_PTR(p[0]);
		if (HEADER_TYPE(p[0]) != OBJ_CONTINUATION)
			break;
		k = MAKE_OBJ_PTR(p);
		if ((zval *)CONT_SP(k) >= intact) {
			w.k = ZFALSE;
			w.pc = 0;
			for (w.f = (zval *)CONT_FRAME(k); w.f; zrt_frames_next(&w, 0)) {
				zval marker = w.f[-1];

				if (marker != (zval)-1)
					forward_range(w.f - 1 - FIXNUM_VALUE(marker), w.f - 1);
			}
		}
		k = CONT_PARENT(k);
	}
}

static void scan_roots(void)
{
	zint i;

	scan_intact();

	for (i = 0; i < zrt_roots_top; i++)
		forward(zrt_roots[i]);
	forward_range(zrt_args, zrt_args + zrt_args_live);
	scan_frames();
	if (__start_zoot_globals)
		forward_range(__start_zoot_globals, __stop_zoot_globals);
	if (__start_zoot_static_pairs)
		forward_range(__start_zoot_static_pairs, __stop_zoot_static_pairs);
	scan_static_objects(__start_zoot_static, __stop_zoot_static);
	scan_static_objects(__start_zoot_symbols, __stop_zoot_symbols);
	zrt_symbols_scan();
}

/*
 * The objects starting in the dirty cards below END, each scanned whole;
 * every card is clean afterwards.  Cards are tested a word at a time,
 * as most of them are clean.
 */
static void scan_dirty_cards(zval *end)
{
	size_t ncards = ((uintptr_t)end - zrt_card.lo + ZRT_CARD_BYTES - 1) >> ZRT_CARD_SHIFT;
	size_t c = 0;

	while (c < ncards) {
		zval *p, *card_end;

		if (c % sizeof(uintptr_t) == 0 && c + sizeof(uintptr_t) <= ncards &&
		    *(uintptr_t *)(zrt_card.cards + c) == 0) {
			c += sizeof(uintptr_t);
			continue;
		}
		if (!zrt_card.cards[c] || zrt_card_starts[c] == NO_START) {
			zrt_card.cards[c++] = 0;
			continue;
		}
		zrt_card.cards[c] = 0;
		p = (zval *)(zrt_card.lo + (c << ZRT_CARD_SHIFT)) + zrt_card_starts[c];
		card_end = (zval *)(zrt_card.lo + ((c + 1) << ZRT_CARD_SHIFT));
		if (card_end > end)
			card_end = end;
		while (p < card_end)
			p = scan_item(p);
		c++;
	}
}

zval *zrt_gc_minor(zval *young_lo, zval *young_hi, zval *scan, zval *old_free)
{
	zval *mark = scan;

	from_lo = young_lo;
	from_bytes = (uintptr_t)young_hi - (uintptr_t)young_lo;
	from2_lo = NULL;
	from2_bytes = 0;
	/* heap.c leaves room for the whole nursery above OLD_FREE. */
	to_free = old_free;
	scan_roots();
	scan_dirty_cards(mark);
	scan_heap(scan);
	from_lo = NULL;
	from_bytes = 0;
	return to_free;
}

zval *zrt_gc_major(zval *young_lo, zval *young_hi, zval *old_lo, zval *old_hi,
		   zval *to_lo, zval *to_hi)
{
	from_lo = young_lo;
	from_bytes = (uintptr_t)young_hi - (uintptr_t)young_lo;
	from2_lo = old_lo;
	from2_bytes = (uintptr_t)old_hi - (uintptr_t)old_lo;
	/* Everything copied comes out of from-space, once, so a to-space
	 * at least as big as what is used of it cannot overflow. */
	if ((uintptr_t)to_hi - (uintptr_t)to_lo < from_bytes + from2_bytes)
		zrt_fatal("internal error: to-space smaller than from-space");
	to_free = to_lo;
	scan_roots();
	scan_heap(to_lo);
	from_lo = from2_lo = NULL;
	from_bytes = from2_bytes = 0;
	return to_free;
}
