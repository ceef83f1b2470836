/*
 * test/runtime/test_gc.c - the collector: roots, object kinds, sharing.
 *
 * In:  objects built by hand in the heap; fake Zoot frames, global cells,
 *      static objects, static pairs and a static symbol in the sections
 *      the compiler will emit.
 * Out: checks that everything reachable survives collections intact and
 *      at updated addresses, that sharing and cycles are kept, and that
 *      the collector neither recurses nor touches raw words.
 *
 * Why it exists: a collector bug shows up far from its cause; these
 * tests pin each kind of root and object down on its own.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

#define SECTION(name) __attribute__((section(name), used, aligned(8)))

/* A global cell, a static vector and a static pair that the tests point
 * at heap objects, as a mutating program would. */
zval zl_test_2dglobal SECTION("zoot_globals") = ZUNBOUND;
static zval static_vector[4] SECTION("zoot_static") = { MAKE_HEADER(OBJ_VECTOR, 3), ZFALSE, ZFALSE, ZFALSE };
static zval static_pair[2] SECTION("zoot_static_pairs") = { ZNULL, ZNULL };

/* A static symbol whose name is a static string, as the compiler emits
 * them; start-up must intern it. */
static struct {
	zval header;
	uint32_t chars[10];
} static_name SECTION("zoot_static") = { MAKE_HEADER(OBJ_STRING, 10),
	{ 's', 't', 'a', 't', 'i', 'c', '-', 's', 'y', 'm' } };
static zval static_symbol[4] SECTION("zoot_symbols") = {
	MAKE_HEADER(OBJ_SYMBOL, 2), (zval)&static_name + TAG_OBJ, MAKE_FIXNUM(0), 0 };

static void collect(int times)
{
	while (times-- > 0)
		zrt_collect_now();
}

static zval list_of(zint n)
{
	zval list = ZNULL;
	zint i;

	ZROOT(list);
	for (i = 0; i < n; i++)
		list = zrt_cons(MAKE_FIXNUM(i), list);
	return list;
}

/* N .. 1 ... 0 in order? */
static int list_is_countdown(zval list, zint n)
{
	zint i;

	for (i = n - 1; i >= 0; i--, list = CDR(list))
		if (!IS_PAIR(list) || CAR(list) != MAKE_FIXNUM(i))
			return 0;
	return list == ZNULL;
}

static void test_long_list(zint n)
{
	zval list = list_of(n);
	uint64_t t0, t1;

	ZROOT(list);
	t0 = zrt_host_nanoseconds();
	collect(1);
	t1 = zrt_host_nanoseconds();
	collect(2);
	CHECK(list_is_countdown(list, n));
	printf("  %ld-element list: %lu KiB live, collection %.1f ms\n", (long)n,
	       (unsigned long)(zrt_heap_live_bytes() / 1024), (t1 - t0) / 1e6);
}

static void test_objects(void)
{
	zval v = zrt_make_object(OBJ_VECTOR, 3, ZFALSE), s = ZFALSE, clo = ZFALSE;
	zval rec = ZFALSE, box = ZFALSE, raw = ZFALSE, junk = ZFALSE;
	zval raw_code;
	size_t i;

	ZROOT(v);
	ZROOT(s);
	ZROOT(clo);
	ZROOT(rec);
	ZROOT(box);
	ZROOT(raw);
	ZROOT(junk);
	s = h_str("héllo, wörld €𝄞");
	OBJ_FIELD(v, 0) = s;
	OBJ_FIELD(v, 1) = MAKE_CHAR(0x1d11e);
	OBJ_FIELD(v, 2) = zrt_cons(MAKE_FIXNUM(7), ZNULL);

	/* A closure whose code word looks like a heap object pointer: the
	 * collector must leave it alone. */
	junk = zrt_make_object(OBJ_VECTOR, 1, MAKE_FIXNUM(99));
	raw_code = junk;
	clo = zrt_make_object(OBJ_CLOSURE, 3, ZFALSE);
	CLOSURE_CODE(clo) = raw_code;
	OBJ_FIELD(clo, 1) = v;
	OBJ_FIELD(clo, 2) = s;

	rec = zrt_make_object(OBJ_RECORD, 3, ZFALSE);
	RECORD_TYPE(rec) = zp_make_record_type(h_str("point"), ZNULL);
	RECORD_FIELD(rec, 0) = MAKE_FIXNUM(3);
	RECORD_FIELD(rec, 1) = clo;

	box = zrt_make_object(OBJ_BOX, 1, rec);

	/* Raw words that look like pointers must not be followed. */
	raw = zrt_make_raw(4 * sizeof(zval));
	for (i = 0; i < 4; i++)
		OBJ_FIELD(raw, i) = junk;
	junk = ZFALSE;

	collect(3);

	CHECK(IS_VECTOR(v) && OBJ_LENGTH(v) == 3);
	CHECK(OBJ_FIELD(v, 0) == s);
	CHECK(h_str_is(s, "héllo, wörld €𝄞"));
	CHECK(OBJ_FIELD(v, 1) == MAKE_CHAR(0x1d11e));
	CHECK(IS_PAIR(OBJ_FIELD(v, 2)) && CAR(OBJ_FIELD(v, 2)) == MAKE_FIXNUM(7));
	CHECK(IS_CLOSURE(clo) && CLOSURE_CODE(clo) == raw_code);
	CHECK(OBJ_FIELD(clo, 1) == v && OBJ_FIELD(clo, 2) == s);
	CHECK(IS_RECORD(rec) && RECORD_FIELD(rec, 0) == MAKE_FIXNUM(3));
	CHECK(RECORD_FIELD(rec, 1) == clo && OBJ_LENGTH(rec) == 3);
	CHECK(h_str_is(OBJ_FIELD(RECORD_TYPE(rec), 0), "point"));
	CHECK(IS_TYPE(box, OBJ_BOX) && OBJ_FIELD(box, 0) == rec);
	for (i = 0; i < 4; i++)
		CHECK(OBJ_FIELD(raw, i) == raw_code);
}

static void test_sharing_and_cycles(void)
{
	zval a = zrt_cons(MAKE_FIXNUM(1), ZNULL), b = ZFALSE, cyc = ZFALSE, vec = ZFALSE;

	ZROOT(a);
	ZROOT(b);
	ZROOT(cyc);
	ZROOT(vec);
	b = a;
	cyc = zrt_cons(MAKE_FIXNUM(2), ZNULL);
	CDR(cyc) = cyc;
	vec = zrt_make_object(OBJ_VECTOR, 3, ZFALSE);
	OBJ_FIELD(vec, 0) = vec;
	OBJ_FIELD(vec, 1) = a;
	OBJ_FIELD(vec, 2) = cyc;
	collect(2);
	CHECK(a == b);
	CHECK(IS_PAIR(cyc) && CDR(cyc) == cyc && CAR(cyc) == MAKE_FIXNUM(2));
	CHECK(OBJ_FIELD(vec, 0) == vec && OBJ_FIELD(vec, 1) == a && OBJ_FIELD(vec, 2) == cyc);
	CHECK(zrt_heap_contains(PAIR_CELL(a)));
}

/*
 * Three frames: B (innermost, one slot) called from an entry frame E
 * whose saved frame is A (two slots).  The collector must update B's and
 * A's slots, reaching A through E.
 */
static zval fake_stack[64];

static void test_frames(void)
{
	zval *a = &fake_stack[50], *e = &fake_stack[40], *b = &fake_stack[30];
	zval *sp = &fake_stack[20];
	zval p, q, r;

	/* Link the frames first: from then on they are roots. */
	a[0] = 0;
	a[1] = 0x1234;
	a[-1] = MAKE_FIXNUM(2);
	a[-2] = a[-3] = MAKE_FIXNUM(0);
	e[-1] = (zval)-1;
	e[-2] = (zval)a;
	e[-3] = (zval)sp;
	b[0] = (zval)e;
	b[1] = 0x5678;
	b[-1] = MAKE_FIXNUM(1);
	b[-2] = MAKE_FIXNUM(0);
	zrt_zoot_frame = b;
	zrt_zoot_sp = sp;
	a[-2] = zrt_cons(MAKE_FIXNUM(10), ZNULL);
	a[-3] = h_str("slot of A");
	b[-2] = zrt_make_object(OBJ_VECTOR, 2, MAKE_FIXNUM(4));
	p = a[-2];
	q = a[-3];
	r = b[-2];
	collect(2);
	CHECK(a[-2] != p && IS_PAIR(a[-2]) && CAR(a[-2]) == MAKE_FIXNUM(10));
	CHECK(a[-3] != q && h_str_is(a[-3], "slot of A"));
	CHECK(b[-2] != r && IS_VECTOR(b[-2]) && OBJ_FIELD(b[-2], 1) == MAKE_FIXNUM(4));
	CHECK(e[-2] == (zval)a && e[-3] == (zval)sp);
	zrt_zoot_frame = NULL;
	zrt_zoot_sp = NULL;
}

static void test_statics_and_globals(void)
{
	zval old;

	zl_test_2dglobal = zrt_cons(MAKE_FIXNUM(1), MAKE_FIXNUM(2));
	OBJ_FIELD(MAKE_OBJ_PTR(static_vector), 1) = h_str("in a static vector");
	static_pair[0] = zrt_make_object(OBJ_VECTOR, 1, MAKE_FIXNUM(8));
	static_pair[1] = MAKE_PAIR_PTR(static_pair);	/* a static cycle */
	old = zl_test_2dglobal;
	collect(2);
	CHECK(zl_test_2dglobal != old && IS_PAIR(zl_test_2dglobal));
	CHECK(CAR(zl_test_2dglobal) == MAKE_FIXNUM(1) && CDR(zl_test_2dglobal) == MAKE_FIXNUM(2));
	CHECK(h_str_is(OBJ_FIELD(MAKE_OBJ_PTR(static_vector), 1), "in a static vector"));
	CHECK(OBJ_FIELD(MAKE_OBJ_PTR(static_vector), 0) == ZFALSE);
	CHECK(IS_VECTOR(static_pair[0]) && OBJ_FIELD(static_pair[0], 0) == MAKE_FIXNUM(8));
	CHECK(static_pair[1] == MAKE_PAIR_PTR(static_pair));
}

static void test_args_and_rest_list(void)
{
	zval list = ZFALSE;
	zint i;

	ZROOT(list);
	for (i = 0; i < 10; i++)
		zrt_args[i] = zrt_cons(MAKE_FIXNUM(i), ZNULL);
	zrt_args_live = 10;
	collect(1);
	list = zrt_rest_list(10, 2);
	zrt_args_live = 0;
	collect(1);
	for (i = 2; i < 10; i++, list = CDR(list))
		CHECK(IS_PAIR(list) && IS_PAIR(CAR(list)) && CAR(CAR(list)) == MAKE_FIXNUM(i));
	CHECK(list == ZNULL);
	CHECK(zrt_rest_list(3, 3) == ZNULL);
}

static void test_symbols(void)
{
	zval sym = zrt_intern_cstr("static-sym"), again, g1 = ZFALSE, g2 = ZFALSE, s = ZFALSE;

	ZROOT(g1);
	ZROOT(g2);
	ZROOT(s);
	CHECK(sym == MAKE_OBJ_PTR(static_symbol));
	sym = zrt_intern_cstr("dynamic-sym");
	collect(2);
	again = zrt_intern_cstr("dynamic-sym");
	CHECK(IS_SYMBOL(again) && h_str_is(SYMBOL_NAME(again), "dynamic-sym"));
	s = zp_symbol_to_string(again);
	CHECK(h_str_is(s, "dynamic-sym") && s != SYMBOL_NAME(again));
	CHECK(zp_string_to_symbol(s) == again);
	STRING_CHARS(s)[0] = 'D';	/* the symbol's name is a copy */
	CHECK(h_str_is(SYMBOL_NAME(again), "dynamic-sym"));
	g1 = zp_gensym(h_str("g"));
	g2 = zp_gensym(h_str("record"));
	CHECK(h_str_is(SYMBOL_NAME(g1), "g1") && h_str_is(SYMBOL_NAME(g2), "record2"));
	CHECK(zrt_intern_cstr("g1") != g1);
	EXPECT_ERROR(zp_symbol_to_string(MAKE_FIXNUM(3)));
	CHECK(!strcmp(h_error.proc, "%type-error") && !strcmp(h_error.text[0], "symbol->string"));
	CHECK(!strcmp(h_error.text[1], "a symbol"));
}

/* Garbage and live data interleaved. */
static void test_mixed_workload(void)
{
	zval list = list_of(2000), v = ZFALSE;
	zint i;

	ZROOT(list);
	ZROOT(v);
	for (i = 0; i < 200; i++) {
		v = zrt_make_object(OBJ_VECTOR, 5, list);
		list = zrt_cons(v, list);
		list = CDR(list);
	}
	CHECK(list_is_countdown(list, 2000));
}

int main(void)
{
	h_init((size_t)1 << 20, (size_t)1 << 30, 0);
	test_objects();
	test_sharing_and_cycles();
	test_frames();
	test_statics_and_globals();
	test_args_and_rest_list();
	test_symbols();
	test_mixed_workload();
	test_long_list(1000000);
	test_long_list(4000000);
	return h_finish();
}
