/*
 * test/runtime/test_stress.c - the runtime under ZOOT_GC_STRESS.
 *
 * In:  a heap in stress mode: every allocation through the slow path
 *      collects, and the limit is then set to the pointer so the next
 *      allocation takes the slow path too.
 * Out: checks that a mixed workload (lists, vectors, strings, symbols,
 *      tables keyed by address) stays intact when every allocation
 *      moves every object.
 *
 * Why it exists: a value held in C across an allocation without ZROOT
 * goes unnoticed while collections are rare; here it breaks at once.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

int main(void)
{
	zval list = ZNULL, t = ZFALSE, k = ZFALSE, keys = ZFALSE, s = ZFALSE;
	zint i, bad = 0, before;

	h_init((size_t)1 << 20, (size_t)64 << 20, 1);
	ZROOT(list);
	ZROOT(t);
	ZROOT(k);
	ZROOT(keys);
	ZROOT(s);
	before = zrt_gc_epoch;
	t = zp_make_table(zrt_intern_cstr("equal"));
	keys = zp_make_table(zrt_intern_cstr("eq"));
	for (i = 0; i < 3000; i++) {
		k = zrt_cons(MAKE_FIXNUM(i), ZNULL);
		zp_table_set(keys, k, MAKE_FIXNUM(i));
		list = zrt_cons(k, list);
		s = zp_symbol_to_string(zp_gensym(h_str("s")));
		zp_table_set(t, s, k);
	}
	CHECK(zrt_gc_epoch - before > 3000);
	CHECK(zrt_heap_limit == zrt_heap_ptr);
	for (i = 2999; i >= 0; i--, list = CDR(list)) {
		k = CAR(list);
		bad += CAR(k) != MAKE_FIXNUM(i);
		bad += zp_table_ref(keys, k, ZFALSE) != MAKE_FIXNUM(i);
	}
	CHECK(bad == 0);
	for (i = 0; i < 3000; i++) {
		char name[32];

		snprintf(name, sizeof(name), "s%ld", (long)(i + 1));
		s = h_str(name);
		k = zp_table_ref(t, s, ZFALSE);
		bad += !IS_PAIR(k) || CAR(k) != MAKE_FIXNUM(i);
	}
	CHECK(bad == 0);
	list = zp_table_keys(keys);
	for (i = 0; i < 3000; i++, list = CDR(list))
		bad += CAR(CAR(list)) != MAKE_FIXNUM(i);
	CHECK(bad == 0);
	list = zrt_make_string(5, 'x');
	CHECK(h_str_is(list, "xxxxx"));
	return h_finish();
}
