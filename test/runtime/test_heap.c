/*
 * test/runtime/test_heap.c - heap growth, ZOOT_HEAP_MAX and exhaustion.
 *
 * In:  a heap that starts at 64 KiB with a 1 MiB maximum.
 * Out: checks that the heap doubles while more than half is live, stops
 *      at the maximum, raises "heap exhausted" through %simple-error with
 *      the reserve opened, closes the reserve once memory is free again,
 *      and exits 70 with "error: heap exhausted" when the reserve runs
 *      out too; and that ZOOT_HEAP_MAX values parse as documented.
 *
 * Why it exists: running out of memory must be a reported error, never
 * a crash, and the error must have room to be reported.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"

#define MAX ((size_t)1 << 20)

static void test_parse_size(void)
{
	CHECK(zrt_parse_size("64m") == (size_t)64 << 20);
	CHECK(zrt_parse_size("1g") == (size_t)1 << 30);
	CHECK(zrt_parse_size("1G") == (size_t)1 << 30);
	CHECK(zrt_parse_size("100k") == (size_t)100 << 10);
	CHECK(zrt_parse_size("65536") == 65536);
	CHECK(zrt_parse_size("1k") == 0);
	CHECK(zrt_parse_size("") == 0);
	CHECK(zrt_parse_size("abc") == 0);
	CHECK(zrt_parse_size("12x") == 0);
	CHECK(zrt_parse_size("12mb") == 0);
	CHECK(zrt_parse_size("-5m") == 0);
	CHECK(zrt_parse_size("99999999999999999999999g") == 0);
}

/* Keep allocating onto LIST until the heap gives out. */
static void fill(zval *list)
{
	for (;;)
		*list = zrt_cons(MAKE_FIXNUM(1), *list);
}

static void test_growth_and_exhaustion(void)
{
	zval list = ZNULL;
	size_t sizes_seen = 0, last = 0;
	zint i;

	ZROOT(list);
	for (i = 0; i < 20000; i++) {
		list = zrt_cons(MAKE_FIXNUM(i), list);
		if (zrt_heap_size_bytes() != last) {
			last = zrt_heap_size_bytes();
			sizes_seen++;
		}
	}
	CHECK(sizes_seen >= 3);
	CHECK(zrt_heap_size_bytes() <= MAX);

	EXPECT_ERROR(fill(&list));
	CHECK(!strcmp(h_error.proc, "%simple-error") && !strcmp(h_error.text[0], "heap exhausted"));
	CHECK(zrt_heap_size_bytes() == MAX);
	/* The reserve is open: the error handler can still allocate. */
	for (i = 0; i < 100; i++)
		list = zrt_cons(MAKE_FIXNUM(i), list);
	CHECK(CAR(list) == MAKE_FIXNUM(99));

	/* Free everything: the reserve closes, and the error can happen
	 * (and be caught) again. */
	list = ZNULL;
	zrt_collect_now();
	EXPECT_ERROR(fill(&list));
	CHECK(!strcmp(h_error.text[0], "heap exhausted"));
	list = ZNULL;
	zrt_collect_now();

	/* One request larger than the maximum. */
	EXPECT_ERROR(zp_make_vector(MAKE_FIXNUM(1 << 20), ZFALSE));
	CHECK(!strcmp(h_error.text[0], "heap exhausted"));
	/* That left the reserve closed: running out now is still an error
	 * the program can handle, not the fatal second one. */
	EXPECT_ERROR(fill(&list));
	CHECK(!strcmp(h_error.text[0], "heap exhausted"));
	list = ZNULL;
	zrt_collect_now();
	list = zp_make_vector(MAKE_FIXNUM(1000), ZFALSE);
	CHECK(IS_VECTOR(list) && OBJ_LENGTH(list) == 1000);
}

static void exhaust_twice(void *unused)
{
	zval list = ZNULL;

	(void)unused;
	ZROOT(list);
	EXPECT_ERROR(fill(&list));
	fill(&list);
}

/* Running out again while the reserve is open: exit 70 at once. */
static void test_exhausted_twice(void)
{
	char buf[256] = "";

	CHECK(h_in_child(exhaust_twice, NULL, 0, buf, sizeof(buf)) == 70);
	CHECK(!strncmp(buf, "error: heap exhausted\n", 22));
	if (strncmp(buf, "error: heap exhausted\n", 22))
		printf("  got: %s\n", buf);
}

int main(void)
{
	test_parse_size();
	h_init((size_t)64 << 10, MAX, 0);
	CHECK(zrt_heap_size_bytes() == (size_t)64 << 10);
	test_growth_and_exhaustion();
	test_exhausted_twice();
	return h_finish();
}
