/*
 * runtime/guest/memory.c - the guest's physical memory.
 *
 * In:  the RAM the boot loader reported (struct zrt_boot), the end of
 *      the kernel image (_end, from kernel.ld).
 * Out: the Zoot stack (carved from the top of RAM and mapped by the
 *      machine below an unmapped guard); pages for the heap's semispaces
 *      (zrt_host_map/zrt_host_unmap) and for malloc.c and the virtqueues
 *      (zrt_pages_alloc/zrt_pages_free); zrt_phys for device drivers.
 *
 * Why it exists: hosted, mmap hands out address space and the kernel
 * finds the pages.  A guest owns a fixed amount of RAM and nothing else,
 * so this file decides once, at start-up, how it is shared:
 *
 *   1 MiB    _end                                              top of RAM
 *     | kernel |  heap spaces, either end  | small blocks | Zoot stack |
 *
 * The stack gets an eighth of the free RAM (at least 2 MiB, at most
 * 512 MiB), a whole number of 2 MiB pages.  The small-block pool (malloc
 * and the virtqueues) gets a thirty-second (at least 1 MiB); when it is
 * full, small blocks come from the top of the heap's pool.  The heap's
 * pool is the rest.  The stack's physical pages are mapped at a virtual
 * address of their own (see the machine's zrt_arch_map_stack), so the
 * unmapped space below it can catch an overflow without wasting RAM on a
 * guard.
 *
 * Keeping the heap's pool to the semispaces alone is what lets it be
 * used nearly whole: a copying collector holds two spaces at a time, the
 * one being copied from and the new one, and frees the old straight
 * after.  Each new space is placed at the end of the pool away from the
 * last one, so free memory stays in one piece between them and the next,
 * bigger space fits as long as the two add up to no more than the pool.
 * (A small block left in the middle, or spaces taken always from the
 * same end, would cut free memory into pieces each too small for the
 * next size, with most of it free.)
 *
 * A pool is a list of free runs of pages, sorted by address, each run
 * described by a header in its own first bytes; freeing coalesces
 * neighbours.  There are only ever a few runs.
 *
 * Zeroing.  Pages handed out are zeroed, as mmap's are.  RAM that has
 * never been handed out is zero already (QEMU gives a guest fresh
 * anonymous memory, and the loader only writes the image below _end,
 * or for a packed image up to boot->loaded_end),
 * and clearing a big semispace again under TCG costs real time, so the
 * allocator keeps the bounds of each pool's never-used middle,
 * [fresh_lo, fresh_hi), and clears only what lies outside it.  (The
 * small-block pool's own too: clearing every virtqueue page and the
 * symbol table's was a quarter of a hello guest's instructions once the
 * image itself was no longer unpacked.)  The one
 * exception is a run header, which can only sit at the start of a run:
 * the first bytes of every allocation are always cleared.
 */
#include <string.h>
#include "guest.h"

#define TWO_MB ((uintptr_t)2 << 20)
#define STACK_MIN TWO_MB
#define STACK_MAX ((size_t)512 << 20)
#define SMALL_MIN ((size_t)1 << 20)

extern char _end[];

struct run {
	size_t pages;
	struct run *next;
};

struct pool {
	struct run *runs;
	uintptr_t lo, hi;	/* the span its runs lie in */
	uintptr_t fresh_lo, fresh_hi;	/* never handed out, still zero */
};

static struct pool heap_pool, small_pool;
static uintptr_t last_space;	/* the heap space mapped last */

char *zrt_guest_stack_lo, *zrt_guest_stack_hi;
static uint64_t stack_phys;

static uintptr_t align_up(uintptr_t x, uintptr_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static uintptr_t align_down(uintptr_t x, uintptr_t a)
{
	return x & ~(a - 1);
}

/* Put [lo, hi) on POOL's free list, merging it with the runs it touches. */
static void free_range(struct pool *pool, uintptr_t lo, uintptr_t hi)
{
	struct run **link = &pool->runs, *r = (struct run *)lo;

	if (hi <= lo)
		return;
	while (*link && (uintptr_t)*link < lo)
		link = &(*link)->next;
	r->pages = (hi - lo) / ZRT_PAGE;
	r->next = *link;
	*link = r;
	/* With the next run. */
	if (r->next && (uintptr_t)r->next == hi) {
		r->pages += r->next->pages;
		r->next = r->next->next;
	}
	/* With the previous run: find it again (the list is short). */
	if (link != &pool->runs) {
		struct run *prev = pool->runs;

		while (prev->next != r)
			prev = prev->next;
		if ((uintptr_t)prev + prev->pages * ZRT_PAGE == lo) {
			prev->pages += r->pages;
			prev->next = r->next;
		}
	}
}

void zrt_pages_free(void *p, size_t pages)
{
	uintptr_t a = (uintptr_t)p;

	if (!p)
		return;
	free_range(a >= small_pool.lo && a < small_pool.hi ? &small_pool : &heap_pool,
		   a, a + pages * ZRT_PAGE);
}

/* Clear [p, p + bytes) of POOL where it may hold old data (see the top). */
static void clear(struct pool *pool, uintptr_t p, size_t bytes)
{
	uintptr_t end = p + bytes, lo = pool->fresh_lo, hi = pool->fresh_hi;

	if (p < lo)
		memset((void *)p, 0, (end < lo ? end : lo) - p);
	if (end > hi) {
		uintptr_t from = p > hi ? p : hi;

		memset((void *)from, 0, end - from);
	}
	memset((void *)p, 0, sizeof(struct run));
	if (p < hi && end > lo) {
		/* Taken from the never-used middle: shrink it to the bigger
		 * side (what is left out is merely cleared again later). */
		if (p <= lo || p - lo <= hi - (end < hi ? end : hi))
			lo = end;
		else
			hi = p;
		if (lo > hi)
			lo = hi;
		pool->fresh_lo = lo;
		pool->fresh_hi = hi;
	}
}

/* PAGES from POOL: from the lowest run that fits, or from the top of
 * the highest one when HIGH; NULL when none fits. */
static void *take(struct pool *pool, size_t pages, int high)
{
	struct run **link, **best = NULL;
	struct run *r;
	uintptr_t p;
	size_t bytes = pages * ZRT_PAGE;

	for (link = &pool->runs; *link; link = &(*link)->next) {
		if ((*link)->pages >= pages) {
			best = link;
			if (!high)
				break;
		}
	}
	if (!best)
		return NULL;
	r = *best;
	if (high) {
		r->pages -= pages;
		p = (uintptr_t)r + r->pages * ZRT_PAGE;
		if (r->pages == 0)
			*best = r->next;
	} else {
		p = (uintptr_t)r;
		if (r->pages == pages) {
			*best = r->next;
		} else {
			struct run *rest = (struct run *)(p + bytes);

			rest->pages = r->pages - pages;
			rest->next = r->next;
			*best = rest;
		}
	}
	clear(pool, p, bytes);
	return (void *)p;
}

/* Small blocks: their own pool, then the top of the heap's. */
void *zrt_pages_alloc(size_t pages)
{
	void *p;

	if (pages == 0)
		return NULL;
	p = take(&small_pool, pages, 1);
	return p ? p : take(&heap_pool, pages, 1);
}

static size_t pool_bytes(const struct pool *pool)
{
	struct run *r;
	size_t pages = 0;

	for (r = pool->runs; r; r = r->next)
		pages += r->pages;
	return pages * ZRT_PAGE;
}

size_t zrt_memory_free_bytes(void)
{
	return pool_bytes(&heap_pool);
}

/* POOL's never-used middle: [LO, HI) less what the loader wrote, which
 * ends at LOADED_END (0 when only the image was loaded, below _end). */
static void set_fresh(struct pool *pool, uintptr_t lo, uintptr_t hi, uintptr_t loaded_end)
{
	if (lo < loaded_end)
		lo = align_up(loaded_end, ZRT_PAGE);
	pool->fresh_lo = lo < hi ? lo : hi;
	pool->fresh_hi = hi;
}

void zrt_memory_init(const struct zrt_boot *boot)
{
	uintptr_t base = align_up((uintptr_t)_end, ZRT_PAGE);
	uintptr_t lo[ZRT_MAX_RAM + 1], hi[ZRT_MAX_RAM + 1];
	size_t total = 0, stack, small;
	int i, n = 0, big = -1;

	/* The usable parts of RAM: above the image (the machine reports
	 * only RAM its page tables map). */
	for (i = 0; i < boot->nram; i++) {
		uintptr_t l = align_up(boot->ram[i].lo, ZRT_PAGE);
		uintptr_t h = align_down(boot->ram[i].hi, ZRT_PAGE);

		if (l < base)
			l = base;
		if (h <= l)
			continue;
		lo[n] = l;
		hi[n] = h;
		total += h - l;
		if (big < 0 || h - l > hi[big] - lo[big])
			big = n;
		n++;
	}
	if (big < 0)
		zrt_fatal("no usable memory above the kernel image");

	/* The stack: the top of the biggest region, 2 MiB aligned; what
	 * lies above it (less than 2 MiB) joins the small-block pool. */
	stack = align_down(total / 8, TWO_MB);
	if (stack < STACK_MIN)
		stack = STACK_MIN;
	if (stack > STACK_MAX)
		stack = STACK_MAX;
	small = align_down(total / 32, ZRT_PAGE);
	if (small < SMALL_MIN)
		small = SMALL_MIN;
	{
		uintptr_t top = align_down(hi[big], TWO_MB);

		if (top < lo[big] + stack + small + TWO_MB)
			zrt_fatal("not enough memory for the stack (boot with more memory)");
		stack_phys = top - stack;
		zrt_guest_stack_lo = zrt_arch_map_stack(stack_phys, stack);
		zrt_guest_stack_hi = zrt_guest_stack_lo + stack;
		small_pool.lo = stack_phys - small;
		small_pool.hi = hi[big];
		free_range(&small_pool, small_pool.lo, stack_phys);
		free_range(&small_pool, top, hi[big]);
		set_fresh(&small_pool, small_pool.lo, stack_phys, boot->loaded_end);
		hi[big] = small_pool.lo;
	}

	heap_pool.lo = lo[big];
	heap_pool.hi = hi[big];
	for (i = 0; i < n; i++)
		free_range(&heap_pool, lo[i], hi[i]);
	set_fresh(&heap_pool, lo[big], hi[big], boot->loaded_end);
	last_space = heap_pool.hi;	/* the first space goes low */
}

uint64_t zrt_phys(const void *p)
{
	const char *c = p;

	if (c >= zrt_guest_stack_lo && c < zrt_guest_stack_hi)
		return stack_phys + (uint64_t)(c - zrt_guest_stack_lo);
	return (uint64_t)(uintptr_t)p;
}

/* ---- For the portable runtime (zrt.h) --------------------------------- */

/* A semispace, at the end of the heap's pool away from the last one. */
void *zrt_host_map(size_t bytes)
{
	size_t pages = (bytes + ZRT_PAGE - 1) / ZRT_PAGE;
	int high = last_space < heap_pool.lo + (heap_pool.hi - heap_pool.lo) / 2;
	void *p;

	if (pages == 0)
		return NULL;
	p = take(&heap_pool, pages, high);
	if (!p)
		p = take(&heap_pool, pages, !high);
	if (p)
		last_space = (uintptr_t)p;
	return p;
}

void zrt_host_unmap(void *p, size_t bytes)
{
	zrt_pages_free(p, (bytes + ZRT_PAGE - 1) / ZRT_PAGE);
}

/* A guest's pages are all present, so moving them saves no faults:
 * give OLD back first, so that the new space can take its place in the
 * pool. */
void *zrt_host_grow(void *old, size_t old_bytes, size_t bytes)
{
	zrt_host_unmap(old, old_bytes);
	return zrt_host_map(bytes);
}
