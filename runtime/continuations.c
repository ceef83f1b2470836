/*
 * runtime/continuations.c - first-class continuations: the Zoot stack
 * copied into the heap and put back where it was.
 *
 * In:  the frame of the glue's %call/cc (zrt_call_cc), whose caller is
 *      what a continuation resumes; a continuation and a value from
 *      %continuation-throw or from a return into zrt_cont_underflow.
 * Out: continuation objects (OBJ_CONTINUATION, layout in object.h);
 *      the stack reinstated and the resume point for the glue to jump
 *      to; the frame walk gc.c and backtrace.c share, which goes on
 *      from the live stack into the captured stretches below it.
 *
 * Why it exists: R7RS continuations may be called after their call/cc
 * has returned, any number of times.  The design is in runtime/ABI.md,
 * "Continuations".  In short: a capture copies the stack from the
 * caller of %call/cc down to the boundary, the lowest address the last
 * capture or reinstatement left live, and makes the frame just above
 * it return into zrt_cont_underflow; so each capture copies only what
 * ran since the last one.  A continuation is always put back at the
 * addresses it came from, so the frame pointers inside it need no
 * fixing; the copy in the heap is read through its offsets.
 *
 * State: zrt_cont_current (in section zoot_globals, so the collector
 * forwards it) is the continuation the boundary frame returns into, or
 * #f when the whole stack is live.  zrt_cont_intact is the lowest address
 * from which on the stack is known to hold, unchanged, the words of
 * every continuation of that chain: a reinstatement of one of them
 * finds its words there and copies nothing (the common escape).  The
 * collector forwards the slots of those words as well as the copies'
 * (gc.c, scan_intact), so both stay alike.  The glue's fast path reads
 * it (and CHUNK_WORDS) to resume the current continuation without a
 * call here.
 */
#include <string.h>
#include "zrt.h"

/* A reinstatement puts back about this many words at most and leaves
 * the rest as a new continuation: the cost of a return into a stretch
 * is bounded, and so is the next capture's copy. */
#define CHUNK_WORDS 1024	/* glue.h's CONT_WHOLE_FIXNUM is 2 * this, tagged */

/* The longest object a header can describe (length << 8 in a word). */
#define MAX_LENGTH (((zval)1 << (8 * sizeof(zval) - 8)) - 1)

/* In zoot_globals, like the compiler's global cells: a root. */
zval zrt_cont_current __attribute__((section("zoot_globals"))) = ZFALSE;
zval *zrt_cont_intact;		/* NULL before the first capture: the top */

static zval *stack_top;

static zval *top(void)
{
	if (!stack_top)
		stack_top = zrt_stack_top();
	return stack_top;
}

zval *zrt_cont_intact_at(void)
{
	return zrt_cont_intact ? zrt_cont_intact : top();
}

static zval *intact_at(void)
{
	return zrt_cont_intact_at();
}

static void set_intact(zval *p)
{
	zrt_cont_intact = p;
}

/* The lowest stack address the live frames do not own. */
static zval *boundary(void)
{
	zval k = zrt_cont_current;

	return IS_TYPE(k, OBJ_CONTINUATION) ? (zval *)CONT_SP(k) : top();
}

/*
 * G is the glue's frame of (%call/cc f); its caller resumes at G[1]
 * with frame G[0] and stack pointer G + 2.  Copies the stack from
 * there to the boundary into a new continuation, makes it the current
 * one and G the boundary frame.  The copy is kept in the continuation
 * itself, after its fields (its segment is itself).  May collect; G's
 * slots are scanned.
 */
zval zrt_cont_capture(zval *g)
{
	zval *sp = g + 2, *end = boundary(), *p, *words;
	size_t n = (size_t)(end - sp), i;
	zval k;

	if (n > MAX_LENGTH - CONT_FIELDS)
		zrt_simple_error("call/cc: the stack is too deep to capture");
	p = zrt_alloc(ZRT_ROUND_WORDS(1 + CONT_FIELDS + n));
	p[0] = MAKE_HEADER(OBJ_CONTINUATION, CONT_FIELDS + n);
	k = MAKE_OBJ_PTR(p);
	CONT_RA(k) = g[1];
	CONT_FRAME(k) = g[0];
	CONT_SP(k) = (zval)sp;
	CONT_WORDS(k) = MAKE_FIXNUM(n);
	CONT_PARENT(k) = zrt_cont_current;
	CONT_SEGMENT(k) = k;
	CONT_OFFSET(k) = MAKE_FIXNUM(CONT_FIELDS);
	words = p + 1 + CONT_FIELDS;
	/* Usually a few frames: a loop beats the call to memcpy. */
	if (n <= 32) {
		for (i = 0; i < n; i++)
			words[i] = sp[i];
	} else {
		memcpy(words, sp, n * sizeof(zval));
	}
	if (intact_at() == end)
		set_intact(sp);
	zrt_cont_current = k;
	g[1] = (zval)zrt_cont_underflow;
	return k;
}

/* Is K one of the chain of continuations below the boundary? */
static int on_chain(zval k)
{
	zval c = zrt_cont_current, sp = CONT_SP(k);

	while (IS_TYPE(c, OBJ_CONTINUATION) && CONT_SP(c) <= sp) {
		if (c == k)
			return 1;
		c = CONT_PARENT(c);
	}
	return 0;
}

/*
 * What comes below the part of K a reinstatement puts back: K's parent
 * when K is short, otherwise a new continuation for K's words past the
 * first frame that ends CHUNK_WORDS or more above K's lowest word (it
 * shares K's segment).  *CUT is set to where that part ends.  May
 * collect; K is rooted by the caller.
 */
static zval split(zval *kp, zval **cut)
{
	zval k = *kp, rest;
	zval *sp = (zval *)CONT_SP(k);
	zval words = (zval)FIXNUM_VALUE(CONT_WORDS(k));
	zval addr = CONT_FRAME(k), ra, frame;
	zval *f;

	*cut = sp + words;
	if (words <= 2 * CHUNK_WORDS)
		return CONT_PARENT(k);
	for (;;) {
		f = zrt_cont_word(k, addr);
		if (!f || f[1] == (zval)zrt_cont_underflow)
			return CONT_PARENT(k);
		if (f[-1] == (zval)-1) {
			addr = f[-2];
			continue;
		}
		if ((zval *)addr + 2 - sp >= CHUNK_WORDS)
			break;
		addr = f[0];
	}
	if ((zval *)addr + 2 >= sp + words)
		return CONT_PARENT(k);
	ra = f[1];
	frame = f[0];
	rest = zrt_make_object(OBJ_CONTINUATION, CONT_FIELDS, 0);
	k = *kp;
	*cut = (zval *)addr + 2;
	CONT_RA(rest) = ra;
	CONT_FRAME(rest) = frame;
	CONT_SP(rest) = (zval)*cut;
	CONT_WORDS(rest) = MAKE_FIXNUM(sp + words - *cut);
	CONT_PARENT(rest) = CONT_PARENT(k);
	CONT_SEGMENT(rest) = CONT_SEGMENT(k);
	CONT_OFFSET(rest) = MAKE_FIXNUM(FIXNUM_VALUE(CONT_OFFSET(k)) + (*cut - sp));
	return rest;
}

/*
 * Put K back on the stack, or its first part, to resume it with V.
 * The glue calls this with the stack pointer below both its old value
 * and K's stretch, so nothing here runs where the copy goes; the frames
 * that were live are abandoned.  Returns K's stack pointer SP, with
 * the resume frame at SP[-2], the resume address at SP[-1] and V
 * (moved, if a collection ran) at SP[-3].
 */
zval *zrt_cont_reinstate(zval k, zval v)
{
	zval *sp, *cut, *mark;
	zval rest;
	int chained;

	if (!IS_TYPE(k, OBJ_CONTINUATION))
		zrt_fatal("internal error: reinstating what is not a continuation");
	zrt_zoot_frame = NULL;
	zrt_zoot_sp = NULL;
	ZROOT(k);
	ZROOT(v);
	chained = on_chain(k);
	rest = split(&k, &cut);
	sp = (zval *)CONT_SP(k);
	mark = intact_at();
	if (!chained || mark > sp)
		memcpy(sp, zrt_cont_word(k, (zval)sp), (size_t)(cut - sp) * sizeof(zval));
	if (cut < sp + FIXNUM_VALUE(CONT_WORDS(k)))
		cut[-1] = (zval)zrt_cont_underflow;
	if (!chained)
		set_intact(top());
	else if (mark < cut)
		set_intact(cut);
	zrt_cont_current = rest;
	sp[-1] = CONT_RA(k);
	sp[-2] = CONT_FRAME(k);
	sp[-3] = v;
	return sp;
}

/* ---- Walking frames ---------------------------------------------------- */

/* The readable word at stack address ADDR, live (K #f) or in K's copy. */
static zval *locate(zval k, zval addr)
{
	if (!addr)
		return NULL;
	return k == ZFALSE ? (zval *)addr : zrt_cont_word(k, addr);
}

void zrt_frames_start(struct zrt_frames *w)
{
	w->k = ZFALSE;
	w->f = zrt_zoot_frame;
	w->pc = zrt_zoot_sp ? zrt_zoot_sp[-1] : 0;
}

void zrt_frames_start_in(struct zrt_frames *w, zval k)
{
	w->k = k;
	w->f = locate(k, CONT_FRAME(k));
	w->pc = CONT_RA(k);
}

/*
 * The next frame outwards.  An entry frame (marker -1) continues at its
 * saved frame; a frame that returns into zrt_cont_underflow ends its
 * stretch, and with CROSS the walk goes on in the continuation below.
 */
void zrt_frames_next(struct zrt_frames *w, int cross)
{
	zval *f = w->f, *s;
	zval below;

	if (f[-1] == (zval)-1) {
		s = f[-3] ? locate(w->k, f[-3] - sizeof(zval)) : NULL;
		w->pc = s ? *s : 0;
		w->f = locate(w->k, f[-2]);
		return;
	}
	if (f[1] != (zval)zrt_cont_underflow) {
		w->pc = f[1];
		w->f = locate(w->k, f[0]);
		return;
	}
	below = w->k == ZFALSE ? zrt_cont_current : CONT_PARENT(w->k);
	if (cross && IS_TYPE(below, OBJ_CONTINUATION))
		zrt_frames_start_in(w, below);
	else
		w->f = NULL;
}
