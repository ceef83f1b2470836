/*
 * test/runtime/test_errors.c - errors raised from C, records, backtraces.
 *
 * In:  a fake call-site table (section zoot_sites, deliberately unsorted)
 *      and fake frames, including an entry frame and a library frame.
 * Out: checks that each error reaches the right Zoot procedure with the
 *      bootstrap's arguments, that a program without the library still
 *      gets a message and status 70, that %machine-backtrace and the
 *      fatal-path backtrace list the right frames.
 *
 * Why it exists: error messages and backtraces are what a user sees of
 * the runtime; the error tests of test/errors compare them exactly.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

#define SECTION(name) __attribute__((section(name), used, aligned(8)))

extern zval zl__25type_2derror;	/* harness.c */

static struct zrt_site sites[] SECTION("zoot_sites") = {
	{ 0x3000, "inner", "t.zt:3:5", 0 },
	{ 0x1000, "outer", "t.zt:1:1", 0 },
	{ 0x2000, "library-proc", "lib.zt:9:9", ZRT_SITE_LIBRARY },
	{ 0x4000, "deep", "t.zt:4:2", 0 },
	{ 0x5000, "no-where", 0, 0 },
};

static void test_errors_from_c(void)
{
	zval got = zrt_cons(MAKE_FIXNUM(1), ZNULL);

	ZROOT(got);

	EXPECT_ERROR(zrt_type_error("car", "a pair", got));
	CHECK(!strcmp(h_error.proc, "%type-error") && h_error.argc == 3);
	CHECK(!strcmp(h_error.text[0], "car") && !strcmp(h_error.text[1], "a pair"));
	CHECK(h_error.args[2] == got);

	EXPECT_ERROR(zrt_range_error("vector-ref", MAKE_FIXNUM(9), ZFALSE));
	CHECK(!strcmp(h_error.proc, "%range-error") && !strcmp(h_error.text[0], "vector-ref"));
	CHECK(h_error.args[1] == MAKE_FIXNUM(9) && h_error.args[2] == ZFALSE);

	EXPECT_ERROR(zrt_simple_error("quotient: division by zero"));
	CHECK(!strcmp(h_error.proc, "%simple-error"));
	CHECK(!strcmp(h_error.text[0], "quotient: division by zero"));
}

static void test_records(void)
{
	zval type = ZFALSE, other = ZFALSE, r = ZFALSE, who = ZFALSE;

	ZROOT(type);
	ZROOT(other);
	ZROOT(r);
	ZROOT(who);
	type = zp_make_record_type(h_str("point"), ZNULL);
	other = zp_make_record_type(h_str("line"), ZNULL);
	r = zp_make_record(type, MAKE_FIXNUM(2), ZFALSE);
	who = h_str("point-x");
	CHECK(zp_checked_record_set(r, type, MAKE_FIXNUM(1), MAKE_FIXNUM(5), who) == ZUNSPEC);
	CHECK(zp_checked_record_ref(r, type, MAKE_FIXNUM(1), who) == MAKE_FIXNUM(5));
	CHECK(zp_checked_record_ref(r, type, MAKE_FIXNUM(0), who) == ZFALSE);
	CHECK(zp_record_of_type_p(r, type) == ZTRUE && zp_record_of_type_p(r, other) == ZFALSE);
	CHECK(zp_record_p(r) == ZTRUE && zp_record_p(type) == ZFALSE);
	CHECK(zp_record_type(r) == type && h_str_is(zp_record_type_name(type), "point"));
	EXPECT_ERROR(zp_checked_record_ref(MAKE_FIXNUM(4), type, MAKE_FIXNUM(0), who));
	CHECK(!strcmp(h_error.proc, "%type-error") && !strcmp(h_error.text[0], "point-x"));
	CHECK(!strcmp(h_error.text[1], "a point record") && h_error.args[2] == MAKE_FIXNUM(4));
	EXPECT_ERROR(zp_checked_record_set(r, other, MAKE_FIXNUM(0), ZTRUE, h_str("set-line-a!")));
	CHECK(!strcmp(h_error.text[0], "set-line-a!") && !strcmp(h_error.text[1], "a line record"));
	CHECK(h_error.args[2] == r);
	EXPECT_ERROR(zp_record_ref(r, MAKE_FIXNUM(2)));
	CHECK(!strcmp(h_error.proc, "%range-error"));
}

/*
 * inner (0x3000) <- library frame (0x2000) <- entry frame <- outer
 * (0x1000, through the saved stack pointer); the library frame is hidden.
 */
static zval stack[64];

static void build_frames(void)
{
	zval *f0 = &stack[10], *f1 = &stack[20], *e = &stack[30], *f2 = &stack[40];
	zval *sp0 = &stack[5], *sp2 = &stack[35];

	sp0[-1] = 0x3000;
	f0[-1] = MAKE_FIXNUM(0);
	f0[0] = (zval)f1;
	f0[1] = 0x2000;
	f1[-1] = MAKE_FIXNUM(1);
	f1[-2] = ZFALSE;
	f1[0] = (zval)e;
	f1[1] = 0x9999;		/* into the entry stub: no site */
	e[-1] = (zval)-1;
	e[-2] = (zval)f2;
	e[-3] = (zval)sp2;
	sp2[-1] = 0x1000;
	f2[-1] = MAKE_FIXNUM(0);
	f2[0] = 0;
	f2[1] = 0x7777;
	zrt_zoot_frame = f0;
	zrt_zoot_sp = sp0;
}

static void test_machine_backtrace(void)
{
	zval bt, sites_list, v;

	build_frames();
	bt = zp_machine_backtrace(MAKE_FIXNUM(10));
	CHECK(IS_PAIR(bt) && CDR(bt) == MAKE_FIXNUM(2));
	sites_list = CAR(bt);
	v = CAR(sites_list);
	CHECK(IS_VECTOR(v) && h_str_is(OBJ_FIELD(v, 0), "inner") && h_str_is(OBJ_FIELD(v, 1), "t.zt:3:5"));
	v = CAR(CDR(sites_list));
	CHECK(h_str_is(OBJ_FIELD(v, 0), "outer") && h_str_is(OBJ_FIELD(v, 1), "t.zt:1:1"));
	CHECK(CDR(CDR(sites_list)) == ZNULL);
	bt = zp_machine_backtrace(MAKE_FIXNUM(1));
	CHECK(CDR(bt) == MAKE_FIXNUM(2) && IS_PAIR(CAR(bt)) && CDR(CAR(bt)) == ZNULL);
	bt = zp_machine_backtrace(MAKE_FIXNUM(0));
	CHECK(CAR(bt) == ZNULL && CDR(bt) == MAKE_FIXNUM(2));
	CHECK(zrt_site_lookup(0x5000) && !zrt_site_lookup(0x5001));
	zrt_zoot_frame = NULL;
	zrt_zoot_sp = NULL;
}

/* 25 frames: 20 lines, then "... 5 more frames". */
static void test_printed_backtrace(void)
{
	static zval deep[25 * 4 + 8];
	const char *out, *p;
	int i, lines = 0;

	for (i = 0; i < 25; i++) {
		zval *f = &deep[4 + 4 * i];

		f[-1] = MAKE_FIXNUM(0);
		f[0] = i < 24 ? (zval)(f + 4) : 0;
		f[1] = 0x4000;
	}
	deep[1] = 0x5000;
	zrt_zoot_sp = &deep[2];
	zrt_zoot_frame = &deep[4];
	h_capture_start(2);
	zrt_print_backtrace();
	out = h_capture_end();
	for (p = out; (p = strstr(p, "  in (")); p++)
		lines++;
	CHECK(lines == 20);
	CHECK(!strncmp(out, "  in (no-where)\n  in (deep) at t.zt:4:2\n", 40));
	CHECK(strstr(out, "  ... 5 more frames\n") != NULL);
	zrt_zoot_frame = NULL;
	zrt_zoot_sp = NULL;
}

static void type_error_without_library(void *unused)
{
	(void)unused;
	zl__25type_2derror = ZUNBOUND;
	zrt_type_error("car", "a pair", MAKE_FIXNUM(42));
}

/* Without the library's error procedures: a plain message, status 70. */
static void test_without_library(void)
{
	char buf[256] = "";

	CHECK(h_in_child(type_error_without_library, NULL, 0, buf, sizeof(buf)) == 70);
	CHECK(!strcmp(buf, "error: car: expected a pair, got 42\n"));
}

int main(void)
{
	h_init((size_t)1 << 20, (size_t)64 << 20, 0);
	test_errors_from_c();
	test_records();
	test_machine_backtrace();
	test_printed_backtrace();
	test_without_library();
	return h_finish();
}
