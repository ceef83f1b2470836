/*
 * runtime/backtrace.c - the call-site table and backtraces.
 *
 * In:  section zoot_sites (4 words per call site: return address,
 *      procedure name, "file:line:col" or 0, flags; bit 0 = library
 *      code, bit 1 = shown only as the innermost frame), and the chain
 *      of Zoot frames on the stack.
 * Out: %machine-backtrace, which the library prints for an uncaught
 *      error, and zrt_print_backtrace for the runtime's own fatal paths
 *      (stack overflow, heap exhausted), which must not allocate.
 *
 * Why it exists: compiled code keeps no frame records of its own; the
 * return addresses on the stack, mapped through the site table, are the
 * backtrace.
 *
 * The walk: the innermost frame zrt_zoot_frame runs at zrt_zoot_sp[-1];
 * a frame C's caller is C[0], running at C[1].  An entry frame (marker
 * -1, pushed when C called Zoot) continues at its saved frame C[-2],
 * running at ((zval *)C[-3])[-1].  Frames whose pc is not a known call
 * site, or is a library one, are not shown.  Below the boundary frame
 * the walk goes on in the captured continuations (continuations.c), so
 * a reinstated continuation's frames are shown as they were.
 *
 * Bit 1 is for calls that are tail calls in the interpreter but return
 * in compiled code: the call a top-level form ends with (the unit's init
 * function goes on to the next form).  The interpreter shows the site of
 * its latest tail call only until the callee makes a call of its own, so
 * such a site is shown only when no user frame is shown inside it.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

extern zval __start_zoot_sites[] __attribute__((weak));
extern zval __stop_zoot_sites[] __attribute__((weak));

#define SHOWN_FRAMES 20

/* Flag bit 1 of a site (bit 0 is ZRT_SITE_LIBRARY). */
#define SITE_INNERMOST_ONLY 2

static const struct zrt_site *sites;
static size_t nsites;
static int loaded;

static int by_pc(const void *a, const void *b)
{
	zval x = ((const struct zrt_site *)a)->pc, y = ((const struct zrt_site *)b)->pc;

	return x < y ? -1 : x > y;
}

/* Are the N sites at S in order?  Four comparisons a step, and no
 * branch between them: a guest image's table is sorted when it is built
 * (runtime/guest/tools/pack.c) and only checked here, at every boot,
 * where under TCG each branch taken costs as much as a dozen
 * instructions (a branch a comparison was a quarter of a hello guest's
 * instructions). */
static int in_order(const struct zrt_site *s, size_t n)
{
	size_t i = 1;
	int bad = 0;

	for (; i + 4 <= n; i += 4)
		bad |= (s[i - 1].pc > s[i].pc) | (s[i].pc > s[i + 1].pc) |
		       (s[i + 1].pc > s[i + 2].pc) | (s[i + 2].pc > s[i + 3].pc);
	for (; i < n; i++)
		bad |= s[i - 1].pc > s[i].pc;
	return !bad;
}

/* The section is used in place when it is already sorted (one object
 * file, or a guest image); otherwise a sorted copy is made once. */
static void load_sites(void)
{
	const struct zrt_site *s = (const struct zrt_site *)__start_zoot_sites;
	size_t n;

	loaded = 1;
	if (!s)
		return;
	n = (size_t)((const struct zrt_site *)__stop_zoot_sites - s);
	if (!in_order(s, n)) {
		struct zrt_site *copy = malloc(n * sizeof(*copy));

		if (!copy)
			return;
		memcpy(copy, s, n * sizeof(*copy));
		qsort(copy, n, sizeof(*copy), by_pc);
		s = copy;
	}
	sites = s;
	nsites = n;
}

const struct zrt_site *zrt_site_lookup(zval pc)
{
	size_t lo = 0, hi;

	if (!loaded)
		load_sites();
	hi = nsites;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sites[mid].pc < pc)
			lo = mid + 1;
		else if (sites[mid].pc > pc)
			hi = mid;
		else
			return &sites[mid];
	}
	return NULL;
}

/* Library frames are hidden from users, but whoever debugs the library
 * or the compiler wants them: ZOOT_BACKTRACE_ALL=1 shows every frame. */
static int show_library_frames(void)
{
	static int cached = -1;

	if (cached < 0) {
		const char *v = getenv("ZOOT_BACKTRACE_ALL");
		cached = v && *v && *v != '0';
	}
	return cached;
}

/* Is SITE a user frame, given that N user frames were found inside it? */
static int shown(const struct zrt_site *site, size_t n, int all)
{
	if (all)
		return 1;
	if (site->flags & ZRT_SITE_LIBRARY)
		return 0;
	return !(site->flags & SITE_INNERMOST_ONLY) || n == 0;
}

/* Calls VISIT for each user frame, innermost first; returns how many. */
static size_t walk(void (*visit)(const struct zrt_site *, size_t, void *), void *ctx)
{
	int all = show_library_frames();
	struct zrt_frames w;
	size_t n = 0;

	for (zrt_frames_start(&w); w.f; zrt_frames_next(&w, 1)) {
		const struct zrt_site *site;

		if (w.f[-1] == (zval)-1)
			continue;
		site = zrt_site_lookup(w.pc);
		if (site && shown(site, n, all)) {
			if (visit)
				visit(site, n, ctx);
			n++;
		}
	}
	return n;
}

/* ---- %machine-backtrace ---------------------------------------------- */

struct collect {
	const struct zrt_site **sites;
	size_t limit;
};

static void collect_site(const struct zrt_site *site, size_t i, void *ctx)
{
	struct collect *c = ctx;

	if (i < c->limit)
		c->sites[i] = site;
}

static zval site_vector(const struct zrt_site *site)
{
	zval v = zrt_make_object(OBJ_VECTOR, 2, ZFALSE), s;

	ZROOT(v);
	s = zrt_string_from_cstr(site->name ? site->name : "?");
	/* V may have been promoted while S was made. */
	OBJ_FIELD(v, 0) = s;
	zrt_barrier(v);
	if (site->where) {
		s = zrt_string_from_cstr(site->where);
		OBJ_FIELD(v, 1) = s;
		zrt_barrier(v);
	}
	return v;
}

/* (SITES . TOTAL): at most LIMIT vectors #(name where-or-#f), innermost
 * first, and the number of user frames. */
zval zp_machine_backtrace(zval limit)
{
	struct collect c;
	size_t total, shown;
	zval list = ZNULL, v = ZFALSE;

	if (!IS_FIXNUM(limit))
		zrt_type_error("%machine-backtrace", "an integer", limit);
	c.limit = FIXNUM_VALUE(limit) < 0 ? 0 : (size_t)FIXNUM_VALUE(limit);
	total = walk(NULL, NULL);
	if (c.limit > total)
		c.limit = total;
	c.sites = malloc((c.limit + 1) * sizeof(*c.sites));
	if (!c.sites)
		zrt_fatal("out of memory (backtrace)");
	walk(collect_site, &c);
	ZROOT(list);
	ZROOT(v);
	for (shown = c.limit; shown > 0; shown--) {
		v = site_vector(c.sites[shown - 1]);
		list = zrt_cons(v, list);
	}
	free(c.sites);
	return zrt_cons(list, MAKE_FIXNUM(total));
}

/* ---- The fatal paths' backtrace -------------------------------------- */

static void print_site(const struct zrt_site *site, size_t i, void *ctx)
{
	(void)ctx;
	if (i >= SHOWN_FRAMES)
		return;
	zrt_host_write_str(2, "  in (");
	zrt_host_write_str(2, site->name ? site->name : "?");
	zrt_host_write_str(2, ")");
	if (site->where) {
		zrt_host_write_str(2, " at ");
		zrt_host_write_str(2, site->where);
	}
	zrt_host_write_str(2, "\n");
}

/* Lines as language/control.zt prints them; no allocation, no stdio. */
void zrt_print_backtrace(void)
{
	size_t total = walk(print_site, NULL);

	if (total > SHOWN_FRAMES) {
		char buf[32];
		size_t k = sizeof(buf), more = total - SHOWN_FRAMES;

		buf[--k] = '\0';
		do {
			buf[--k] = (char)('0' + more % 10);
			more /= 10;
		} while (more);
		zrt_host_write_str(2, "  ... ");
		zrt_host_write_str(2, buf + k);
		zrt_host_write_str(2, " more frames\n");
	}
}

/* Called at start-up, so a fault handler never has to sort or allocate. */
void zrt_sites_init(void)
{
	if (!loaded)
		load_sites();
}
