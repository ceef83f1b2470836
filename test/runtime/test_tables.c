/*
 * test/runtime/test_tables.c - hash tables across moving collections.
 *
 * In:  tables of each kind filled with keys whose hashes do and do not
 *      depend on addresses.
 * Out: checks that every key stays findable after many collections, that
 *      %table-keys gives insertion order with deletions removed and
 *      re-insertions at the end, and that big tables stay fast.
 *
 * Why it exists: the compiler keys tables by pairs and symbols; a key
 * lost after a collection or a key order that depends on addresses would
 * be a silent miscompilation.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

#define N 100000

static zval sym(const char *name)
{
	return zrt_intern_cstr(name);
}

/* Allocate garbage so that collections happen between operations. */
static void churn(int times)
{
	while (times-- > 0)
		zrt_collect_now();
}

static zval number_string(zint i)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "key-%ld", (long)i);
	return h_str(buf);
}

/* Keys: pairs (eq, by address), kept in a vector so we can look them up. */
static void test_eq_pairs(void)
{
	zval t = zp_make_table(sym("eq")), keys = ZFALSE, k = ZFALSE, list;
	zint i, missing = 0, wrong = 0;

	ZROOT(t);
	ZROOT(keys);
	ZROOT(k);
	keys = zrt_make_object(OBJ_VECTOR, N, ZFALSE);
	for (i = 0; i < N; i++) {
		k = zrt_cons(MAKE_FIXNUM(i), ZNULL);
		OBJ_FIELD(keys, i) = k;
		zp_table_set(t, k, MAKE_FIXNUM(i * 2));
		if (i % 20000 == 0)
			churn(1);
	}
	churn(3);
	CHECK(zp_table_count(t) == MAKE_FIXNUM(N));
	for (i = 0; i < N; i++) {
		zval v = zp_table_ref(t, OBJ_FIELD(keys, i), ZFALSE);

		if (v == ZFALSE)
			missing++;
		else if (v != MAKE_FIXNUM(i * 2))
			wrong++;
		if (i % 25000 == 0)
			churn(1);
	}
	CHECK(missing == 0 && wrong == 0);
	/* A structurally equal but different pair is another key. */
	k = zrt_cons(MAKE_FIXNUM(5), ZNULL);
	CHECK(zp_table_ref(t, k, MAKE_FIXNUM(-1)) == MAKE_FIXNUM(-1));

	/* Delete the even keys, re-insert key 0: it goes to the end. */
	for (i = 0; i < N; i += 2)
		zp_table_delete(t, OBJ_FIELD(keys, i));
	churn(1);
	zp_table_set(t, OBJ_FIELD(keys, 0), ZTRUE);
	CHECK(zp_table_count(t) == MAKE_FIXNUM(N / 2 + 1));
	CHECK(zp_table_ref(t, OBJ_FIELD(keys, 2), ZFALSE) == ZFALSE);
	CHECK(zp_table_ref(t, OBJ_FIELD(keys, 3), ZFALSE) == MAKE_FIXNUM(6));
	list = zp_table_keys(t);
	for (i = 1; i < N; i += 2, list = CDR(list))
		if (!IS_PAIR(list) || CAR(list) != OBJ_FIELD(keys, i))
			break;
	CHECK(i >= N);
	CHECK(IS_PAIR(list) && CAR(list) == OBJ_FIELD(keys, 0) && CDR(list) == ZNULL);
}

/* Symbols, fixnums and characters hash without addresses. */
static void test_eqv_immediates(void)
{
	zval t = zp_make_table(sym("eqv")), a = ZFALSE, b = ZFALSE, list;
	zint i, bad = 0;

	ZROOT(t);
	ZROOT(a);
	ZROOT(b);
	a = sym("alpha");
	b = zp_gensym(h_str("b"));
	zp_table_set(t, a, MAKE_FIXNUM(1));
	zp_table_set(t, b, MAKE_FIXNUM(2));
	zp_table_set(t, MAKE_CHAR('x'), MAKE_FIXNUM(3));
	for (i = -1000; i < 1000; i++)
		zp_table_set(t, MAKE_FIXNUM(i), MAKE_FIXNUM(i + 1));
	zp_table_set(t, a, MAKE_FIXNUM(10));	/* replaces, keeps position */
	churn(2);
	a = sym("alpha");
	CHECK(zp_table_ref(t, a, ZFALSE) == MAKE_FIXNUM(10));
	CHECK(zp_table_ref(t, b, ZFALSE) == MAKE_FIXNUM(2));
	CHECK(zp_table_ref(t, MAKE_CHAR('x'), ZFALSE) == MAKE_FIXNUM(3));
	for (i = -1000; i < 1000; i++)
		bad += zp_table_ref(t, MAKE_FIXNUM(i), ZFALSE) != MAKE_FIXNUM(i + 1);
	CHECK(bad == 0);
	list = zp_table_keys(t);
	CHECK(CAR(list) == a && CAR(CDR(list)) == b && CAR(CDR(CDR(list))) == MAKE_CHAR('x'));
	CHECK(zp_table_count(t) == MAKE_FIXNUM(2003));
	CHECK(zp_table_p(t) == ZTRUE && zp_table_p(a) == ZFALSE);
}

/* String tables: content, not identity. */
static void test_string_keys(void)
{
	zval t = zp_make_table(sym("string")), k = ZFALSE;
	zint i, bad = 0;

	ZROOT(t);
	ZROOT(k);
	for (i = 0; i < N; i++) {
		k = number_string(i);
		zp_table_set(t, k, MAKE_FIXNUM(i));
	}
	churn(2);
	for (i = 0; i < N; i++) {
		k = number_string(i);
		bad += zp_table_ref(t, k, ZFALSE) != MAKE_FIXNUM(i);
	}
	CHECK(bad == 0);
	k = h_str("key-12");
	zp_table_delete(t, k);
	k = number_string(12);
	CHECK(zp_table_ref(t, k, ZFALSE) == ZFALSE);
	CHECK(zp_table_count(t) == MAKE_FIXNUM(N - 1));
	/* Non-string keys in a string table compare by identity. */
	zp_table_set(t, MAKE_FIXNUM(3), ZTRUE);
	CHECK(zp_table_ref(t, MAKE_FIXNUM(3), ZFALSE) == ZTRUE);
}

/* Equal tables: lists, vectors and strings by content; records by identity. */
static void test_equal_keys(void)
{
	zval t = zp_make_table(sym("equal")), k = ZFALSE, rec = ZFALSE, longkey = ZFALSE;
	/* A freshly made part of a key: made in a statement of its own, since
	 * C may read the other arguments of a call before making it, and the
	 * allocation may move them. */
	zval part = ZFALSE;
	zint i, bad = 0;

	ZROOT(t);
	ZROOT(k);
	ZROOT(rec);
	ZROOT(longkey);
	ZROOT(part);
	for (i = 0; i < N; i++) {
		k = zrt_cons(MAKE_FIXNUM(i), ZNULL);
		part = sym("x");
		k = zrt_cons(part, k);
		part = number_string(i % 100);
		k = zrt_cons(k, part);
		zp_table_set(t, k, MAKE_FIXNUM(i));
	}
	churn(2);
	for (i = 0; i < N; i++) {
		k = zrt_cons(MAKE_FIXNUM(i), ZNULL);
		part = sym("x");
		k = zrt_cons(part, k);
		part = number_string(i % 100);
		k = zrt_cons(k, part);
		bad += zp_table_ref(t, k, ZFALSE) != MAKE_FIXNUM(i);
	}
	CHECK(bad == 0);

	/* A record inside a key: hashed by address, rehashed after moving. */
	rec = zp_make_record(ZFALSE, MAKE_FIXNUM(1), ZFALSE);
	k = zrt_make_object(OBJ_VECTOR, 2, rec);
	part = sym("found");
	zp_table_set(t, k, part);
	churn(2);
	k = zrt_make_object(OBJ_VECTOR, 2, rec);
	part = sym("found");
	CHECK(zp_table_ref(t, k, ZFALSE) == part);
	k = zrt_make_object(OBJ_VECTOR, 2, ZFALSE);
	CHECK(zp_table_ref(t, k, ZFALSE) == ZFALSE);

	/* A key far longer than the C stack could compare recursively. */
	longkey = ZNULL;
	for (i = 0; i < 1000000; i++)
		longkey = zrt_cons(MAKE_FIXNUM(i), longkey);
	zp_table_set(t, longkey, ZTRUE);
	k = ZNULL;
	for (i = 0; i < 1000000; i++)
		k = zrt_cons(MAKE_FIXNUM(i), k);
	CHECK(zp_table_ref(t, k, ZFALSE) == ZTRUE);
	CAR(k) = MAKE_FIXNUM(-1);
	CHECK(zp_table_ref(t, k, ZFALSE) == ZFALSE);
}

/* A million keys, with timing. */
static void test_big(void)
{
	zval t = zp_make_table(sym("eq")), k = ZFALSE;
	zint i, bad = 0, n = 1000000;
	uint64_t t0 = zrt_host_nanoseconds(), t1;

	ZROOT(t);
	ZROOT(k);
	for (i = 0; i < n; i++) {
		k = zrt_cons(MAKE_FIXNUM(i), ZNULL);
		zp_table_set(t, k, k);
	}
	for (i = 0; i < n; i++)
		zp_table_set(t, MAKE_FIXNUM(i), MAKE_FIXNUM(i));
	churn(1);
	for (i = 0; i < n; i++)
		bad += zp_table_ref(t, MAKE_FIXNUM(i), ZFALSE) != MAKE_FIXNUM(i);
	for (k = zp_table_keys(t), i = 0; i < n; i++, k = CDR(k))
		bad += zp_table_ref(t, CAR(k), ZFALSE) != CAR(k);
	t1 = zrt_host_nanoseconds();
	CHECK(bad == 0);
	CHECK(zp_table_count(t) == MAKE_FIXNUM(2 * n));
	printf("  2*10^6 keys (half pairs): %.0f ms for inserts, a collection and lookups\n",
	       (t1 - t0) / 1e6);
}

static void test_errors(void)
{
	EXPECT_ERROR(zp_table_ref(MAKE_FIXNUM(1), ZFALSE, ZFALSE));
	CHECK(!strcmp(h_error.proc, "%type-error") && !strcmp(h_error.text[1], "a hash table"));
	EXPECT_ERROR(zp_make_table(h_str("eq")));
	CHECK(!strcmp(h_error.text[0], "%make-table"));
}

int main(void)
{
	h_init((size_t)1 << 20, (size_t)1 << 30, 0);
	test_eq_pairs();
	test_eqv_immediates();
	test_string_keys();
	test_equal_keys();
	test_big();
	test_errors();
	return h_finish();
}
