/*
 * runtime/ffi.c - calling C functions from Zoot, and Zoot from C.
 *
 * In:  a foreign procedure's descriptor, made by language/ffi.zt:
 *      #(ADDRESS NAME ARG-CODES RET-CODE), ADDRESS a pointer object (the
 *      function's address), NAME its C name (a string, for messages),
 *      ARG-CODES a vector of type codes (fixnums, enum ffi_type below);
 *      the arguments of a call, as a list.
 * Out: the primitives %ffi-call (check and convert the arguments, lay
 *      them out as the target's C calling convention wants, call,
 *      convert the result), %ffi-peek and %ffi-poke (typed memory
 *      access through pointers), %ffi-callback (a C function pointer
 *      that calls a Zoot procedure), %foreign-symbol (an address by
 *      name, at run time: what the interpreter uses), and the pointer
 *      objects themselves.
 *
 * Why it exists: a program needs C libraries (libc, libm, its own C
 * code).  The compiler resolves `(foreign-procedure "strlen" ...)` to
 * the symbol's address at link time (a static pointer object,
 * compiler/data.zt), so the linker finds the function on every target;
 * this file does the rest in portable C.
 *
 * The call: rather than hand-written assembly per target, the function
 * is called through a pointer cast to a variadic prototype with a fixed,
 * over-long argument list (CALL_ARGS below): every argument register
 * and a block of stack words are passed, laid out by the classification
 * of the target's C ABI (SysV x86-64: six integer and eight SSE
 * registers, then the stack; i386 cdecl: all on the stack, caller pops;
 * ARM EABI soft-float: r0-r3, 64-bit values in even/odd pairs, then the
 * stack, 8-byte aligned for 64-bit values).  The callee reads what its own
 * prototype says and ignores the rest; the caller pops, so the extra
 * words are harmless.  Results come back in the return registers that
 * the cast's return type names (an integer, a double or a float).
 *
 * Memory the collector moves is never handed to C: a string argument
 * is copied to malloc'ed UTF-8 and a bytevector to a malloc'ed buffer,
 * which is copied back into the bytevector after the call (the
 * bytevector itself may have moved meanwhile, if C called back into
 * Zoot; the list of bytevectors waiting for their copy is a root,
 * ffi_pending).  So a buffer stays valid for the whole call and no
 * longer: C must not keep it.  Memory that C keeps belongs to C
 * (malloc, via pointers).  No C root (ZROOT) is held across the call,
 * so a Zoot callback that escapes (an error caught outside the foreign
 * call) leaves no stale root behind; it leaks the call's buffers.
 *
 * Callbacks: a fixed set of trampolines (NCALLBACKS C functions of
 * four word-sized parameters), each bound to a Zoot procedure in
 * ffi_callbacks (a root) until freed.  A callback takes and returns
 * integers and pointers (what qsort, bsearch and most C callbacks
 * use), not doubles.  A continuation captured inside a callback must
 * not be re-entered after the foreign call returned (its C frames are
 * gone).
 *
 * State: ffi_pending and ffi_callbacks (roots, in section
 * zoot_globals) and ffi_serial (which call's entry is which in
 * ffi_pending); nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

/* The type codes of language/ffi.zt. */
enum ffi_type {
	FT_VOID, FT_INT8, FT_UINT8, FT_INT16, FT_UINT16, FT_INT32, FT_UINT32,
	FT_INT64, FT_UINT64, FT_LONG, FT_ULONG, FT_POINTER, FT_DOUBLE, FT_FLOAT,
	FT_STRING, FT_BYTEVECTOR, FT_COUNT
};

#define MAX_ARGS 16

/* ---- Pointers ---------------------------------------------------------- */

/* A pointer object is a raw object of one word: the address.  Programs
 * see no other raw objects (the runtime's scratch space never escapes). */
static int is_pointer(zval x)
{
	return IS_TYPE(x, OBJ_RAW) && OBJ_LENGTH(x) == 1;
}

static zval make_pointer(uintptr_t address)
{
	zval p = zrt_make_object(OBJ_RAW, 1, 0);

	OBJ_FIELD(p, 0) = (zval)address;
	return p;
}

static uintptr_t pointer_address(zval p)
{
	return (uintptr_t)OBJ_FIELD(p, 0);
}

zval zp_pointer_p(zval x)
{
	return ZBOOL(is_pointer(x));
}

zval zp_pointer_address(zval p)
{
	if (!is_pointer(p))
		zrt_type_error("pointer->integer", "a pointer", p);
	return zrt_int_from_u64(pointer_address(p), 0);
}

zval zp_make_pointer(zval n)
{
	uint64_t m;
	int neg;

	if (!zrt_int_to_u64(n, &m, &neg) || neg || m > UINTPTR_MAX)
		zrt_type_error("integer->pointer", "an address (an integer >= 0)", n);
	return make_pointer((uintptr_t)m);
}

zval zp_foreign_symbol(zval name)
{
	char *s;
	void *p;

	if (!IS_STRING(name))
		zrt_type_error("foreign-procedure", "a string", name);
	s = zrt_string_to_utf8(name, NULL);
	if (!s)
		zrt_simple_error("foreign-procedure: out of memory");
	p = zrt_host_foreign_symbol(s);
	free(s);
	if (!p)
		zrt_type_error("foreign-procedure",
			       "the name of a C function this executable can find"
			       " (the interpreter finds those of its shared libraries only)",
			       name);
	return make_pointer((uintptr_t)p);
}

/* ---- Zoot values to C and back ---------------------------------------- */

struct conv {
	zval who;		/* the procedure's name, for errors, or #f */
	const char *cwho;	/* the name when WHO is #f */
	void *temps[MAX_ARGS];	/* malloc'ed copies, freed after the call */
	int ntemps;
	uint8_t *bufs[MAX_ARGS];	/* the bytevectors' copies, in order */
	int nbufs;
};

static void free_temps(struct conv *c)
{
	while (c->ntemps > 0)
		free(c->temps[--c->ntemps]);
	c->nbufs = 0;
}

static _Noreturn void wrong_type(struct conv *c, const char *expected, zval got)
{
	zval w = c->who, e = ZFALSE;

	free_temps(c);
	ZROOT(w);
	ZROOT(got);
	if (w == ZFALSE)
		w = zrt_string_from_cstr(c->cwho);
	e = zrt_string_from_cstr(expected);
	zrt_type_error_v(w, e, got);
}

static const char *const int_names[] = {
	[FT_INT8] = "an integer in [-128, 127] (int8)",
	[FT_UINT8] = "an integer in [0, 255] (uint8)",
	[FT_INT16] = "an integer in [-32768, 32767] (int16)",
	[FT_UINT16] = "an integer in [0, 65535] (uint16)",
	[FT_INT32] = "an integer in [-2^31, 2^31-1] (int32)",
	[FT_UINT32] = "an integer in [0, 2^32-1] (uint32)",
	[FT_INT64] = "an integer in [-2^63, 2^63-1] (int64)",
	[FT_UINT64] = "an integer in [0, 2^64-1] (uint64)",
	[FT_LONG] = "an integer that fits a C long",
	[FT_ULONG] = "an integer >= 0 that fits a C unsigned long (size_t)",
};

static int type_bits(int t)
{
	switch (t) {
	case FT_INT8: case FT_UINT8: return 8;
	case FT_INT16: case FT_UINT16: return 16;
	case FT_INT32: case FT_UINT32: return 32;
	case FT_LONG: case FT_ULONG: return 8 * (int)sizeof(long);
	default: return 64;
	}
}

static int type_signed(int t)
{
	return t == FT_INT8 || t == FT_INT16 || t == FT_INT32 || t == FT_INT64 || t == FT_LONG;
}

/* Integer V of C type T as a 64-bit two's complement word. */
static uint64_t int_arg(struct conv *c, int t, zval v)
{
	uint64_t m;
	int neg, bits = type_bits(t);
	uint64_t top = bits == 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;

	if (!zrt_int_to_u64(v, &m, &neg))
		wrong_type(c, int_names[t], v);
	if (type_signed(t)) {
		uint64_t half = (uint64_t)1 << (bits - 1);

		if (neg ? m > half : m >= half)
			wrong_type(c, int_names[t], v);
	} else if (neg || m > top) {
		wrong_type(c, int_names[t], v);
	}
	return neg ? (uint64_t)0 - m : m;
}

static double real_arg(struct conv *c, zval v)
{
	double d;

	if (IS_FIXNUM(v))
		return (double)FIXNUM_VALUE(v);
	if (!IS_TYPE(v, OBJ_FLONUM))
		wrong_type(c, "a flonum or a fixnum (double)", v);
	memcpy(&d, OBJ_PTR(v) + 1, sizeof(d));
	return d;
}

static void *remember(struct conv *c, void *p)
{
	if (!p) {
		free_temps(c);
		zrt_simple_error("foreign call: out of memory");
	}
	c->temps[c->ntemps++] = p;
	return p;
}

/* A bytevector's contents in a buffer C may use during the call. */
static void *buffer_arg(struct conv *c, zval bv)
{
	size_t n = OBJ_LENGTH(bv);
	uint8_t *p = remember(c, malloc(n ? n : 1));

	memcpy(p, BYTEVECTOR_BYTES(bv), n);
	c->bufs[c->nbufs++] = p;
	return p;
}

/* The address argument V of type T (pointer, string or bytevector). */
static uintptr_t address_arg(struct conv *c, int t, zval v)
{
	if (v == ZFALSE)
		return 0;
	if (t == FT_STRING) {
		if (!IS_STRING(v))
			wrong_type(c, "a string or #f (char *)", v);
		return (uintptr_t)remember(c, zrt_string_to_utf8(v, NULL));
	}
	if (IS_BYTEVECTOR(v))
		return (uintptr_t)buffer_arg(c, v);
	if (t == FT_POINTER && is_pointer(v))
		return pointer_address(v);
	wrong_type(c, t == FT_POINTER ? "a pointer, a bytevector or #f" : "a bytevector or #f", v);
}

/* Word W read as C type T, as a Zoot value (may allocate). */
static zval int_result(int t, uint64_t w)
{
	int bits = type_bits(t);

	if (bits < 64) {
		uint64_t mask = ((uint64_t)1 << bits) - 1;

		w &= mask;
		if (type_signed(t) && (w >> (bits - 1)))
			w |= ~mask;
	}
	if (type_signed(t) && (int64_t)w < 0)
		return zrt_int_from_u64((uint64_t)0 - w, 1);
	return zrt_int_from_u64(w, 0);
}

static zval address_result(int t, uintptr_t a)
{
	if (!a)
		return ZFALSE;
	if (t == FT_STRING)
		return zrt_string_from_cstr((const char *)a);
	return make_pointer(a);
}

/* ---- The target's calling convention ---------------------------------- */

#if defined(__x86_64__)
#define NGP 6
#define NFP 8
#define NSTACK 16
#elif defined(__i386__)
#define NGP 0
#define NFP 0
#define NSTACK 34
#elif defined(__arm__)
#define NGP 4
#define NFP 0
#define NSTACK 32
#else
#error "runtime/ffi.c: no calling convention for this target"
#endif

struct frame {
	uintptr_t gp[NGP + 1];
	uint64_t fp[NFP + 1];
	uintptr_t stack[NSTACK];
	int ngp, nfp, nstack;
};

static _Noreturn void overflow(struct conv *c)
{
	wrong_type(c, "fewer arguments (too many argument words for this target)", ZFALSE);
}

static void push_stack(struct conv *c, struct frame *f, uintptr_t w)
{
	if (f->nstack >= NSTACK)
		overflow(c);
	f->stack[f->nstack++] = w;
}

/* A word-sized (or smaller) integer or address. */
static void put_word(struct conv *c, struct frame *f, uintptr_t w)
{
#if NGP > 0
	if (f->ngp < NGP) {
		f->gp[f->ngp++] = w;
		return;
	}
#endif
	push_stack(c, f, w);
}

/* A 64-bit integer, or the bits of a double (64-bit values). */
static void put_u64(struct conv *c, struct frame *f, uint64_t w)
{
#if defined(__x86_64__)
	put_word(c, f, w);
#else
#if defined(__arm__)
	if (f->ngp < NGP) {
		f->ngp += f->ngp & 1;
		if (f->ngp + 2 <= NGP) {
			f->gp[f->ngp++] = (uintptr_t)w;
			f->gp[f->ngp++] = (uintptr_t)(w >> 32);
			return;
		}
		f->ngp = NGP;
	}
	if (f->nstack & 1)
		push_stack(c, f, 0);
#endif
	push_stack(c, f, (uintptr_t)w);
	push_stack(c, f, (uintptr_t)(w >> 32));
#endif
}

static void put_double(struct conv *c, struct frame *f, double d, int single)
{
	uint64_t bits = 0;

	if (single) {
		float x = (float)d;
		uint32_t b;

		memcpy(&b, &x, sizeof(b));
		bits = b;
	} else {
		memcpy(&bits, &d, sizeof(bits));
	}
#if defined(__x86_64__)
	if (f->nfp < NFP) {
		f->fp[f->nfp++] = bits;
		return;
	}
	push_stack(c, f, bits);
#else
	if (single)
		put_word(c, f, (uintptr_t)bits);
	else
		put_u64(c, f, bits);
#endif
}

static void put_arg(struct conv *c, struct frame *f, int t, zval v)
{
	switch (t) {
	case FT_DOUBLE:
	case FT_FLOAT:
		put_double(c, f, real_arg(c, v), t == FT_FLOAT);
		break;
	case FT_POINTER:
	case FT_STRING:
	case FT_BYTEVECTOR:
		put_word(c, f, address_arg(c, t, v));
		break;
	default:
		if (type_bits(t) == 64 && sizeof(uintptr_t) < 8)
			put_u64(c, f, int_arg(c, t, v));
		else
			put_word(c, f, (uintptr_t)int_arg(c, t, v));
	}
}

/* The arguments of every call: every argument register and NSTACK
 * stack words. */
#if defined(__x86_64__)
#define S(i) f->stack[i]
#define D(i) fpr[i]
#define CALL_ARGS f->gp[0], f->gp[1], f->gp[2], f->gp[3], f->gp[4], f->gp[5], \
	D(0), D(1), D(2), D(3), D(4), D(5), D(6), D(7), \
	S(0), S(1), S(2), S(3), S(4), S(5), S(6), S(7), \
	S(8), S(9), S(10), S(11), S(12), S(13), S(14), S(15)
#elif defined(__i386__)
#define S(i) f->stack[i]
#define S8(i) S(i), S(i + 1), S(i + 2), S(i + 3), S(i + 4), S(i + 5), S(i + 6), S(i + 7)
#define CALL_ARGS S8(0), S8(8), S8(16), S8(24), S(32), S(33)
#else
#define S(i) f->stack[i]
#define S8(i) S(i), S(i + 1), S(i + 2), S(i + 3), S(i + 4), S(i + 5), S(i + 6), S(i + 7)
#define CALL_ARGS f->gp[0], f->gp[1], f->gp[2], f->gp[3], S8(0), S8(8), S8(16), S8(24)
#endif

/* Variadic after the first word: every target passes variadic words
 * and doubles exactly as named ones (ARM soft-float included), and on
 * x86-64 the caller then also sets %al to the number of vector
 * registers, which a variadic callee (printf of a double) relies on. */
#if defined(__x86_64__)
#define FIRST_ARG uint64_t
#else
#define FIRST_ARG uint32_t
#endif
typedef uint64_t (*int_fn)(FIRST_ARG, ...);
typedef double (*double_fn)(FIRST_ARG, ...);
typedef float (*float_fn)(FIRST_ARG, ...);

/* Call FN; the result as a 64-bit word (an integer, or a double's or a
 * float's bits, per RET). */
static uint64_t invoke(void *fn, struct frame *f, int ret)
{
#if defined(__x86_64__)
	double fpr[NFP];

	memcpy(fpr, f->fp, sizeof(fpr));
#endif
#if defined(__arm__)
	/* Soft-float: doubles and floats come back in r0 (and r1). */
	(void)ret;
	return ((int_fn)fn)(CALL_ARGS);
#else
	if (ret == FT_DOUBLE) {
		double d = ((double_fn)fn)(CALL_ARGS);
		uint64_t bits;

		memcpy(&bits, &d, sizeof(bits));
		return bits;
	}
	if (ret == FT_FLOAT) {
		float x = ((float_fn)fn)(CALL_ARGS);
		uint32_t bits;

		memcpy(&bits, &x, sizeof(bits));
		return bits;
	}
	return ((int_fn)fn)(CALL_ARGS);
#endif
}

static zval result_value(int ret, uint64_t w)
{
	switch (ret) {
	case FT_VOID:
		return ZUNSPEC;
	case FT_DOUBLE: {
		double d;

		memcpy(&d, &w, sizeof(d));
		return zrt_make_flonum(d);
	}
	case FT_FLOAT: {
		float x;
		uint32_t b = (uint32_t)w;

		memcpy(&x, &b, sizeof(x));
		return zrt_make_flonum((double)x);
	}
	case FT_POINTER:
	case FT_STRING:
		return address_result(ret, (uintptr_t)w);
	default:
		return int_result(ret, w);
	}
}

/* ---- %ffi-call ---------------------------------------------------------- */

/* Entries (SERIAL BYTEVECTOR...) of the calls running now whose
 * buffers wait to be copied back, innermost first; an entry's
 * bytevectors are listed last argument first. */
static zval ffi_pending __attribute__((section("zoot_globals"))) = ZNULL;
static zint ffi_serial;

struct prepared {
	void *fn;
	int ret;
	zint serial;		/* of the entry in ffi_pending, or 0 */
	struct frame f;
	struct conv c;
};

static _Noreturn void arg_count_error(zval who, zint want, zint got)
{
	char msg[200];
	char *name = zrt_string_to_utf8(who, NULL);

	snprintf(msg, sizeof(msg), "%.100s: wrong number of arguments (expected %ld, got %ld)",
		 name ? name : "foreign procedure", (long)want, (long)got);
	free(name);
	zrt_simple_error(msg);
}

/* Push an entry for the bytevectors among ARGS; its serial, or 0. */
static zint keep_bytevectors(zval args)
{
	zval entry = ZNULL, a = args;
	zint serial;

	ZROOT(entry);
	ZROOT(a);
	for (; IS_PAIR(a); a = CDR(a))
		if (IS_BYTEVECTOR(CAR(a)))
			entry = zrt_cons(CAR(a), entry);
	if (entry == ZNULL)
		return 0;
	serial = ++ffi_serial & (FIXNUM_MAX >> 1);
	entry = zrt_cons(MAKE_FIXNUM(serial), entry);
	ffi_pending = zrt_cons(entry, ffi_pending);
	return serial;
}

/* Copy the call's buffers back into its bytevectors (which a callback
 * may have moved). */
static void copy_back(struct prepared *p)
{
	zval l;
	int j;

	if (!p->serial)
		return;
	while (IS_PAIR(ffi_pending) && CAR(CAR(ffi_pending)) != MAKE_FIXNUM(p->serial))
		ffi_pending = CDR(ffi_pending);	/* left by calls a callback escaped */
	if (!IS_PAIR(ffi_pending))
		return;
	l = CDR(CAR(ffi_pending));
	ffi_pending = CDR(ffi_pending);
	for (j = p->c.nbufs - 1; j >= 0 && IS_PAIR(l); j--, l = CDR(l))
		memcpy(BYTEVECTOR_BYTES(CAR(l)), p->c.bufs[j], OBJ_LENGTH(CAR(l)));
}

static int is_descriptor(zval d)
{
	return IS_VECTOR(d) && OBJ_LENGTH(d) == 4 && is_pointer(OBJ_FIELD(d, 0))
		&& IS_STRING(OBJ_FIELD(d, 1)) && IS_VECTOR(OBJ_FIELD(d, 2))
		&& OBJ_LENGTH(OBJ_FIELD(d, 2)) <= MAX_ARGS && IS_FIXNUM(OBJ_FIELD(d, 3));
}

/* Everything before the call; the roots end with it. */
static void prepare(zval desc, zval args, struct prepared *p)
{
	zval codes, a;
	zint n, i, got = 0;

	ZROOT(desc);
	ZROOT(args);
	memset(p, 0, sizeof(*p));
	if (!is_descriptor(desc))
		zrt_type_error("%ffi-call", "a foreign procedure's descriptor", desc);
	codes = OBJ_FIELD(desc, 2);
	n = (zint)OBJ_LENGTH(codes);
	for (a = args; IS_PAIR(a); a = CDR(a))
		got++;
	if (got != n)
		arg_count_error(OBJ_FIELD(desc, 1), n, got);
	p->c.who = OBJ_FIELD(desc, 1);
	p->fn = (void *)pointer_address(OBJ_FIELD(desc, 0));
	p->ret = (int)FIXNUM_VALUE(OBJ_FIELD(desc, 3));
	for (i = 0, a = args; i < n; i++, a = CDR(a)) {
		zval code = OBJ_FIELD(codes, i);

		if (!IS_FIXNUM(code) || FIXNUM_VALUE(code) <= FT_VOID || FIXNUM_VALUE(code) >= FT_COUNT)
			zrt_type_error("%ffi-call", "a type code", code);
		put_arg(&p->c, &p->f, (int)FIXNUM_VALUE(code), CAR(a));
	}
	/* Allocates: after the checks, so a bad argument leaves no entry. */
	p->serial = keep_bytevectors(args);
}

/* (%ffi-call DESCRIPTOR ARGS): no C root is live during the call. */
zval zp_ffi_call(zval desc, zval args)
{
	struct prepared p;
	uint64_t w;

	prepare(desc, args, &p);
	w = invoke(p.fn, &p.f, p.ret);
	copy_back(&p);
	free_temps(&p.c);
	return result_value(p.ret, w);
}

/* ---- Memory through pointers -------------------------------------------- */

static uint8_t *memory_at(const char *who, zval p, zval offset)
{
	struct conv c = { .who = ZFALSE, .cwho = who };
	uintptr_t a;

	if (!is_pointer(p))
		wrong_type(&c, "a pointer", p);
	if (!IS_FIXNUM(offset))
		wrong_type(&c, "an offset (a fixnum)", offset);
	a = pointer_address(p);
	if (!a)
		zrt_simple_error("pointer-ref: a null pointer");
	return (uint8_t *)(a + (uintptr_t)FIXNUM_VALUE(offset));
}

static int memory_type(const char *who, zval code, int poke)
{
	struct conv c = { .who = ZFALSE, .cwho = who };
	int t = IS_FIXNUM(code) ? (int)FIXNUM_VALUE(code) : -1;

	if (t <= FT_VOID || t >= FT_BYTEVECTOR || (poke && t == FT_STRING))
		wrong_type(&c, "a C type of a value in memory", code);
	return t;
}

static size_t type_size(int t)
{
	switch (t) {
	case FT_DOUBLE: return 8;
	case FT_FLOAT: return 4;
	case FT_POINTER: case FT_STRING: return sizeof(void *);
	default: return (size_t)type_bits(t) / 8;
	}
}

/* (%ffi-peek POINTER TYPE OFFSET): the value of C type TYPE at
 * POINTER + OFFSET (a string: the char * stored there, as a string). */
zval zp_ffi_peek(zval p, zval code, zval offset)
{
	int t = memory_type("pointer-ref", code, 0);
	uint8_t *m = memory_at("pointer-ref", p, offset);
	uint64_t w = 0;

	memcpy(&w, m, type_size(t));	/* little-endian on every target */
	if (t == FT_DOUBLE || t == FT_FLOAT)
		return result_value(t, w);
	if (t == FT_POINTER || t == FT_STRING)
		return address_result(t, (uintptr_t)w);
	return int_result(t, w);
}

/* (%ffi-poke POINTER TYPE OFFSET VALUE) */
zval zp_ffi_poke(zval p, zval code, zval offset, zval v)
{
	struct conv c = { .who = ZFALSE, .cwho = "pointer-set!" };
	int t = memory_type("pointer-set!", code, 1);
	uint8_t *m = memory_at("pointer-set!", p, offset);
	uint64_t w;

	if (t == FT_DOUBLE) {
		double d = real_arg(&c, v);

		memcpy(m, &d, 8);
	} else if (t == FT_FLOAT) {
		float x = (float)real_arg(&c, v);

		memcpy(m, &x, 4);
	} else if (t == FT_POINTER) {
		uintptr_t a = 0;

		if (v != ZFALSE && !is_pointer(v))
			wrong_type(&c, "a pointer or #f", v);
		if (v != ZFALSE)
			a = pointer_address(v);
		memcpy(m, &a, sizeof(a));
	} else {
		w = int_arg(&c, t, v);
		memcpy(m, &w, type_size(t));
	}
	return ZUNSPEC;
}

/* (%ffi-string POINTER LENGTH-OR-#F): the UTF-8 text at POINTER, up
 * to its NUL or LENGTH bytes. */
zval zp_ffi_string(zval p, zval length)
{
	struct conv c = { .who = ZFALSE, .cwho = "pointer->string" };
	const char *s = (const char *)memory_at("pointer->string", p, MAKE_FIXNUM(0));

	if (length == ZFALSE)
		return zrt_string_from_cstr(s);
	if (!IS_FIXNUM(length) || FIXNUM_VALUE(length) < 0)
		wrong_type(&c, "a length (a fixnum >= 0) or #f", length);
	return zrt_string_from_utf8(s, (size_t)FIXNUM_VALUE(length));
}

/* (%ffi-sizeof TYPE): bytes of C type TYPE on this target. */
zval zp_ffi_sizeof(zval code)
{
	return MAKE_FIXNUM((zint)type_size(memory_type("foreign-sizeof", code, 0)));
}

/* ---- Callbacks ------------------------------------------------------------ */

#define NCALLBACKS 16
#define CB_ARGS 4

/* Slot I: procedure (or #f when free), argument codes (a vector),
 * result code, at 3I, 3I+1, 3I+2. */
static zval ffi_callbacks __attribute__((section("zoot_globals"))) = ZFALSE;

typedef intptr_t (*trampoline_fn)(intptr_t, intptr_t, intptr_t, intptr_t);

/* Zoot values of the words a C caller passed to slot SLOT. */
static int callback_args(int slot, const intptr_t *words, zval *argv)
{
	zval v0 = ZFALSE, v1 = ZFALSE, v2 = ZFALSE, v3 = ZFALSE;
	zval codes = OBJ_FIELD(ffi_callbacks, 3 * slot + 1);
	int n = (int)OBJ_LENGTH(codes), i;

	ZROOT(v0);
	ZROOT(v1);
	ZROOT(v2);
	ZROOT(v3);
	for (i = 0; i < n; i++) {
		int t = (int)FIXNUM_VALUE(OBJ_FIELD(OBJ_FIELD(ffi_callbacks, 3 * slot + 1), i));
		zval v = t == FT_POINTER || t == FT_STRING
			? address_result(t, (uintptr_t)words[i])
			: int_result(t, (uint64_t)(int64_t)words[i]);

		if (i == 0) v0 = v;
		else if (i == 1) v1 = v;
		else if (i == 2) v2 = v;
		else v3 = v;
	}
	argv[0] = v0;
	argv[1] = v1;
	argv[2] = v2;
	argv[3] = v3;
	return n;
}

static intptr_t callback_result(int t, zval v)
{
	struct conv c = { .who = ZFALSE, .cwho = "callback result" };

	if (t == FT_VOID)
		return 0;
	if (t == FT_POINTER) {
		if (v == ZFALSE)
			return 0;
		if (!is_pointer(v))
			wrong_type(&c, "a pointer or #f", v);
		return (intptr_t)pointer_address(v);
	}
	return (intptr_t)int_arg(&c, t, v);
}

static intptr_t run_callback(int slot, intptr_t a, intptr_t b, intptr_t c, intptr_t d)
{
	intptr_t words[CB_ARGS] = { a, b, c, d };
	zval argv[CB_ARGS];
	int n = callback_args(slot, words, argv);
	zval result = zrt_call(OBJ_FIELD(ffi_callbacks, 3 * slot), n, argv);

	return callback_result((int)FIXNUM_VALUE(OBJ_FIELD(ffi_callbacks, 3 * slot + 2)), result);
}

#define TRAMPOLINE(n) \
	static intptr_t trampoline_##n(intptr_t a, intptr_t b, intptr_t c, intptr_t d) \
	{ \
		return run_callback(n, a, b, c, d); \
	}
TRAMPOLINE(0) TRAMPOLINE(1) TRAMPOLINE(2) TRAMPOLINE(3)
TRAMPOLINE(4) TRAMPOLINE(5) TRAMPOLINE(6) TRAMPOLINE(7)
TRAMPOLINE(8) TRAMPOLINE(9) TRAMPOLINE(10) TRAMPOLINE(11)
TRAMPOLINE(12) TRAMPOLINE(13) TRAMPOLINE(14) TRAMPOLINE(15)

static const trampoline_fn trampolines[NCALLBACKS] = {
	trampoline_0, trampoline_1, trampoline_2, trampoline_3,
	trampoline_4, trampoline_5, trampoline_6, trampoline_7,
	trampoline_8, trampoline_9, trampoline_10, trampoline_11,
	trampoline_12, trampoline_13, trampoline_14, trampoline_15,
};

/* (%ffi-callback PROC ARG-CODES RET-CODE): a pointer to a C function
 * that calls PROC, or #f when every slot is taken. */
zval zp_ffi_callback(zval proc, zval codes, zval ret)
{
	int i;

	ZROOT(proc);
	ZROOT(codes);
	if (!IS_CLOSURE(proc))
		zrt_type_error("make-c-callback", "a procedure", proc);
	if (!IS_VECTOR(codes) || OBJ_LENGTH(codes) > CB_ARGS)
		zrt_type_error("make-c-callback", "at most 4 argument types", codes);
	if (!IS_FIXNUM(ret))
		zrt_type_error("make-c-callback", "a result type", ret);
	if (ffi_callbacks == ZFALSE)
		ffi_callbacks = zrt_make_object(OBJ_VECTOR, 3 * NCALLBACKS, ZFALSE);
	for (i = 0; i < NCALLBACKS; i++) {
		if (OBJ_FIELD(ffi_callbacks, 3 * i) != ZFALSE)
			continue;
		OBJ_FIELD(ffi_callbacks, 3 * i) = proc;
		OBJ_FIELD(ffi_callbacks, 3 * i + 1) = codes;
		OBJ_FIELD(ffi_callbacks, 3 * i + 2) = ret;
		zrt_barrier(ffi_callbacks);
		return make_pointer((uintptr_t)trampolines[i]);
	}
	return ZFALSE;
}

/* (%ffi-callback-free POINTER): the slot of that callback is free
 * again; #f when POINTER is no callback. */
zval zp_ffi_callback_free(zval p)
{
	int i;

	if (!is_pointer(p) || ffi_callbacks == ZFALSE)
		return ZFALSE;
	for (i = 0; i < NCALLBACKS; i++) {
		if ((uintptr_t)trampolines[i] == pointer_address(p)
		    && OBJ_FIELD(ffi_callbacks, 3 * i) != ZFALSE) {
			OBJ_FIELD(ffi_callbacks, 3 * i) = ZFALSE;
			OBJ_FIELD(ffi_callbacks, 3 * i + 1) = ZFALSE;
			return ZTRUE;
		}
	}
	return ZFALSE;
}
