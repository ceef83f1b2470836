/*
 * test/runtime/test_strings.c - UTF-8, files, console I/O, the process.
 *
 * In:  strings with characters of every UTF-8 length, invalid byte
 *      sequences, temporary files and descriptors.
 * Out: checks of the round trips and of the primitives' results and
 *      errors (make-string, make-vector, %read-chunk, %read-file, ...).
 *
 * Why it exists: every byte entering or leaving a program passes through
 * these conversions; they must agree with the bootstrap.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"

static void test_utf8(void)
{
	const char *text = "a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e z";	/* a é € 𝄞 space z */
	zval s = h_str(text);
	char *back;
	size_t n;

	CHECK(OBJ_LENGTH(s) == 6);
	CHECK(STRING_CHARS(s)[1] == 0xe9 && STRING_CHARS(s)[2] == 0x20ac &&
	      STRING_CHARS(s)[3] == 0x1d11e);
	back = zrt_string_to_utf8(s, &n);
	CHECK(n == strlen(text) && !strcmp(back, text));
	free(back);

	/* Each invalid byte becomes one '?'. */
	CHECK(h_str_is(h_str("x\xffy"), "x?y"));
	CHECK(h_str_is(h_str("\xe2\x82"), "??"));		/* truncated */
	CHECK(h_str_is(h_str("\xc0\xaf"), "??"));		/* overlong */
	CHECK(h_str_is(h_str("\xed\xa0\x80"), "???"));		/* surrogate */
	CHECK(h_str_is(h_str("\xf4\x90\x80\x80"), "????"));	/* > U+10FFFF */
	CHECK(h_str_is(h_str("\x80" "ok"), "?ok"));
	CHECK(OBJ_LENGTH(h_str("")) == 0);

	/* A list of pieces: ASCII blocks, then a piece that is not ASCII
	 * part way through (the buffer must grow), then more pieces. */
	{
		zval text = ZNULL, piece = ZFALSE;
		const char *pieces[] = { "0123456789abcdefXYZ", "ab\xc3\xa9" "cdefghijklmnopq\xe2\x82\xac",
					 "tail, sixteen or more", "\xf0\x9d\x84\x9e", "" };
		const char *all = "0123456789abcdefXYZab\xc3\xa9" "cdefghijklmnopq\xe2\x82\xac"
				  "tail, sixteen or more\xf0\x9d\x84\x9e";
		int i;

		ZROOT(text);
		ZROOT(piece);
		for (i = 4; i >= 0; i--) {
			piece = h_str(pieces[i]);
			text = zrt_cons(piece, text);
		}
		back = zrt_text_to_utf8(text, &n);
		CHECK(back && n == strlen(all) && !strcmp(back, all));
		free(back);
	}

	/* Every code point survives encode + decode. */
	{
		zval all = zrt_make_string(0x10000, 'a');
		uint32_t c, bad = 0;
		char *bytes;
		zval again;

		ZROOT(all);
		for (c = 0; c < 0x10000; c++)
			STRING_CHARS(all)[c] = (c >= 0xd800 && c <= 0xdfff) ? c + 0x10000 : c;
		bytes = zrt_string_to_utf8(all, &n);
		again = zrt_string_from_utf8(bytes, n);
		free(bytes);
		for (c = 0; c < 0x10000; c++)
			bad += STRING_CHARS(again)[c] != STRING_CHARS(all)[c];
		CHECK(OBJ_LENGTH(again) == 0x10000 && bad == 0);
	}
}

static void test_files(void)
{
	char dir[] = "/tmp/zrt-test-XXXXXX", path[64], path2[80];
	zval p = ZFALSE, q = ZFALSE, s = ZFALSE;

	ZROOT(p);
	ZROOT(q);
	ZROOT(s);
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/f.txt", dir);
	snprintf(path2, sizeof(path2), "%s/no/such/dir", dir);
	p = h_str(path);
	q = h_str(path2);
	s = h_str("line one\nd\xc3\xa9j\xc3\xa0 vu \xf0\x9f\x98\x80\n");
	CHECK(zp_file_exists(p) == ZFALSE);
	CHECK(zp_read_file(p) == ZFALSE);
	CHECK(zp_write_file(p, s) == ZTRUE);
	CHECK(zp_file_exists(p) == ZTRUE);
	{
		zval back = zp_read_file(p);

		CHECK(IS_STRING(back) && zrt_string_equal(back, s));
	}
	CHECK(zp_write_file(q, s) == ZFALSE);
	CHECK(zp_write_file(p, MAKE_FIXNUM(1)) == ZFALSE);
	CHECK(zp_read_file(h_str(dir)) == ZFALSE);	/* a directory */
	CHECK(zp_read_file(MAKE_FIXNUM(3)) == ZFALSE);
	CHECK(zp_delete_file(p) == ZTRUE);
	CHECK(zp_delete_file(p) == ZFALSE);
	CHECK(zp_file_exists(p) == ZFALSE);
	rmdir(dir);
}

/* %input-ready? on descriptor 6, a pipe: not ready while empty or
 * holding part of a line, ready with a whole line and at the end. */
static void test_input_ready(void)
{
	int fds[2];

	CHECK(pipe(fds) == 0);
	dup2(fds[0], 6);
	close(fds[0]);
	CHECK(zp_input_ready(MAKE_FIXNUM(6)) == ZFALSE);
	CHECK(write(fds[1], "ab", 2) == 2);
	CHECK(zp_input_ready(MAKE_FIXNUM(6)) == ZFALSE);
	CHECK(write(fds[1], "c\nd", 3) == 3);
	CHECK(zp_input_ready(MAKE_FIXNUM(6)) == ZTRUE);
	CHECK(h_str_is(zp_read_chunk(MAKE_FIXNUM(6)), "abc\n"));
	close(fds[1]);
	CHECK(zp_input_ready(MAKE_FIXNUM(6)) == ZTRUE);
	CHECK(h_str_is(zp_read_chunk(MAKE_FIXNUM(6)), "d"));
	CHECK(zp_input_ready(MAKE_FIXNUM(6)) == ZTRUE);
	close(6);
}

/* %read-chunk on descriptor 5, fed from a temporary file. */
static void test_read_chunk(void)
{
	FILE *f = tmpfile();
	zval s;
	int i, long_ok = 1;

	for (i = 0; i < 100000; i++)
		fputc('a' + i % 26, f);
	fputs("\nline two\n\xc3\xa9nd", f);
	fflush(f);
	rewind(f);
	dup2(fileno(f), 5);
	s = zp_read_chunk(MAKE_FIXNUM(5));
	CHECK(IS_STRING(s) && OBJ_LENGTH(s) == 100001);
	for (i = 0; i < 100000 && IS_STRING(s); i++)
		long_ok &= STRING_CHARS(s)[i] == (uint32_t)('a' + i % 26);
	CHECK(long_ok && STRING_CHARS(s)[100000] == '\n');
	CHECK(h_str_is(zp_read_chunk(MAKE_FIXNUM(5)), "line two\n"));
	CHECK(h_str_is(zp_read_chunk(MAKE_FIXNUM(5)), "\xc3\xa9nd"));
	CHECK(zp_read_chunk(MAKE_FIXNUM(5)) == ZEOF);
	CHECK(zp_read_chunk(MAKE_FIXNUM(5)) == ZEOF);
	CHECK(zp_isatty(MAKE_FIXNUM(5)) == ZFALSE);
	CHECK(zp_input_ready(MAKE_FIXNUM(5)) == ZTRUE);	/* at its end */
	close(5);
	fclose(f);
}

static void test_console_output(void)
{
	const char *out;

	h_capture_start(1);
	zp_write_string(MAKE_FIXNUM(1), h_str("h\xc3\xa9llo "));
	zp_write_string(MAKE_FIXNUM(1), h_str("w\xc3\xb6rld\n"));
	zp_flush(MAKE_FIXNUM(1));
	out = h_capture_end();
	CHECK(!strcmp(out, "h\xc3\xa9llo w\xc3\xb6rld\n"));

	h_capture_start(2);
	zp_write_string(MAKE_FIXNUM(2), h_str("to stderr \xe2\x82\xac\n"));
	out = h_capture_end();
	CHECK(!strcmp(out, "to stderr \xe2\x82\xac\n"));
}

static void test_process(void)
{
	char *argv[] = { "prog", "arg \xc3\xa9", "" };
	zval l;

	setenv("ZRT_TEST_VAR", "v\xc3\xa4lue", 1);
	unsetenv("ZRT_TEST_MISSING");
	CHECK(h_str_is(zp_getenv(h_str("ZRT_TEST_VAR")), "v\xc3\xa4lue"));
	CHECK(zp_getenv(h_str("ZRT_TEST_MISSING")) == ZFALSE);
	zrt_host_set_command_line(3, argv);
	l = zp_command_line();
	CHECK(h_str_is(CAR(l), "prog") && h_str_is(CAR(CDR(l)), "arg \xc3\xa9"));
	CHECK(h_str_is(CAR(CDR(CDR(l))), "") && CDR(CDR(CDR(l))) == ZNULL);
	{
		zval a = zp_current_jiffy(), b;

		usleep(2000);
		b = zp_current_jiffy();
		CHECK(IS_FIXNUM(a) && FIXNUM_VALUE(b) - FIXNUM_VALUE(a) >=
		      2 * FIXNUM_VALUE(zp_jiffies_per_second()) / 1000);
		CHECK(zp_jiffies_per_second() == MAKE_FIXNUM(sizeof(zval) >= 8 ? 1000000 : 1000));
	}
	{
		/* current-second: a flonum of POSIX time (after 2020). */
		zval t = zp_current_second();
		double d;

		memcpy(&d, OBJ_PTR(t) + 1, sizeof(d));
		CHECK(IS_TYPE(t, OBJ_FLONUM) && d > 1.6e9 && d < 1e11);
	}
}

static void test_make_string_and_vector(void)
{
	zval s = zp_make_string(MAKE_FIXNUM(3), MAKE_CHAR(0xe9)), v;

	CHECK(h_str_is(s, "\xc3\xa9\xc3\xa9\xc3\xa9"));
	v = zp_make_vector(MAKE_FIXNUM(4), ZTRUE);
	CHECK(IS_VECTOR(v) && OBJ_LENGTH(v) == 4 && OBJ_FIELD(v, 3) == ZTRUE);
	CHECK(OBJ_LENGTH(zp_make_vector(MAKE_FIXNUM(0), ZTRUE)) == 0);
	EXPECT_ERROR(zp_make_string(MAKE_FIXNUM(-1), MAKE_CHAR(' ')));
	CHECK(!strcmp(h_error.text[0], "make-string") && !strcmp(h_error.text[1], "a length"));
	CHECK(h_error.args[2] == MAKE_FIXNUM(-1));
	EXPECT_ERROR(zp_make_string(MAKE_FIXNUM((1 << 28) + 1), MAKE_CHAR(' ')));
	CHECK(!strcmp(h_error.text[1], "a length"));
	EXPECT_ERROR(zp_make_string(MAKE_FIXNUM(2), MAKE_FIXNUM(65)));
	CHECK(!strcmp(h_error.text[1], "a character"));
	EXPECT_ERROR(zp_make_vector(ZFALSE, ZTRUE));
	CHECK(!strcmp(h_error.text[0], "make-vector") && !strcmp(h_error.text[1], "a length"));
	EXPECT_ERROR(zp_write_string(MAKE_FIXNUM(1), MAKE_FIXNUM(1)));
	CHECK(!strcmp(h_error.text[0], "%write-string") && !strcmp(h_error.text[1], "a string"));
}

int main(void)
{
	h_init((size_t)1 << 20, (size_t)256 << 20, 0);
	test_utf8();
	test_files();
	test_read_chunk();
	test_input_ready();
	test_console_output();
	test_process();
	test_make_string_and_vector();
	return h_finish();
}
