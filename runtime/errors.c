/*
 * runtime/errors.c - raising Zoot errors from C; fatal errors.
 *
 * In:  a primitive's complaint about an argument (who, what it expected,
 *      what it got), or a condition the runtime cannot recover from.
 * Out: a call to the Zoot procedure %type-error, %range-error or
 *      %simple-error (language/control.zt), which
 *      composes the message and raises it, so the program's handlers
 *      run; or "error: MESSAGE" on stderr and exit status 70.
 *
 * Why it exists: messages are made in one place, in Zoot, for the
 * bootstrap and native code alike; C only hands over the pieces.
 *
 * The error procedures never return: a handler escapes to an outer
 * continuation, abandoning the C frames in between without running their
 * ZROOT cleanups.  So before calling into Zoot we empty the root stack
 * and the live argument area: every C frame still on the stack at that
 * point is abandoned or holds no roots (C only calls Zoot to raise).
 */
#include <string.h>
#include "zrt.h"

/* Global cells of the Zoot library (mangled names, ABI.md).  Weak, so
 * code without the library (the unit tests) links and gets a plain
 * message instead. */
extern zval zl__25type_2derror __attribute__((weak));
extern zval zl__25range_2derror __attribute__((weak));
extern zval zl__25simple_2derror __attribute__((weak));

static void say(const char *s)
{
	zrt_host_write_str(2, s);
}

static void say_string(zval s)
{
	char buf[256];
	size_t n = OBJ_LENGTH(s), i, k = 0;

	/* ASCII only: this path must not allocate. */
	for (i = 0; i < n; i++) {
		uint32_t c = STRING_CHARS(s)[i];

		buf[k++] = c < 0x80 ? (char)c : '?';
		if (k == sizeof(buf)) {
			zrt_host_write(2, buf, k);
			k = 0;
		}
	}
	zrt_host_write(2, buf, k);
}

/* A rough rendering of V for messages printed without the library. */
static void say_value(zval v)
{
	char buf[32];

	if (IS_FIXNUM(v)) {
		zint n = FIXNUM_VALUE(v);
		zval u = n < 0 ? (zval)0 - (zval)n : (zval)n;
		size_t k = sizeof(buf);

		buf[--k] = '\0';
		do {
			buf[--k] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (n < 0)
			buf[--k] = '-';
		say(buf + k);
	} else if (IS_STRING(v)) {
		say("\"");
		say_string(v);
		say("\"");
	} else if (IS_SYMBOL(v) && IS_STRING(SYMBOL_NAME(v))) {
		say_string(SYMBOL_NAME(v));
	} else if (v == ZTRUE) {
		say("#t");
	} else if (v == ZFALSE) {
		say("#f");
	} else if (v == ZNULL) {
		say("()");
	} else if (IS_CHAR(v) && CHAR_VALUE(v) > 32 && CHAR_VALUE(v) < 127) {
		buf[0] = '#';
		buf[1] = '\\';
		buf[2] = (char)CHAR_VALUE(v);
		buf[3] = '\0';
		say(buf);
	} else if (IS_PAIR(v)) {
		say("(...)");
	} else {
		say("#<object>");
	}
}

/* "error: MESSAGE" in one write, so it cannot interleave with others. */
static void say_error_line(const char *message)
{
	char line[512];
	size_t n = strlen(message);

	if (n > sizeof(line) - 9)
		n = sizeof(line) - 9;
	memcpy(line, "error: ", 7);
	memcpy(line + 7, message, n);
	line[7 + n] = '\n';
	zrt_host_write(2, line, 8 + n);
}

_Noreturn void zrt_fatal(const char *message)
{
	zrt_host_flush_stdout();
	say_error_line(message);
	zrt_host_exit(70);
}

_Noreturn void zrt_fatal_backtrace(const char *message)
{
	zrt_host_flush_stdout();
	say_error_line(message);
	zrt_print_backtrace();
	zrt_host_exit(70);
}

static void say_hex(uintptr_t x)
{
	char buf[2 + 2 * sizeof(x) + 1];
	size_t k = sizeof(buf);

	buf[--k] = '\0';
	do {
		buf[--k] = "0123456789abcdef"[x & 15];
		x >>= 4;
	} while (x);
	buf[--k] = 'x';
	buf[--k] = '0';
	say(buf + k);
}

/* A fault the platform caught (a signal hosted, an exception in a
 * guest): a stack overflow with its backtrace when OVERFLOW, else an
 * internal error, WHAT at ADDR.  Fit for a signal handler: it neither
 * allocates nor uses stdio (the site table was sorted at start-up). */
void zrt_report_fault(int overflow, const char *what, uintptr_t addr)
{
	zrt_host_flush_stdout();
	if (overflow) {
		say("error: stack overflow (recursion too deep)\n");
		zrt_print_backtrace();
		return;
	}
	say("error: internal error: ");
	say(what);
	say(" at ");
	say_hex(addr);
	say("\n");
}

static int defined(const zval *cell)
{
	return cell && IS_CLOSURE(*cell);
}

static _Noreturn void call_handler(const zval *cell, zint argc, zval *argv)
{
	zrt_roots_top = 0;
	zrt_args_live = 0;
	zrt_call(*cell, argc, argv);
	zrt_fatal("internal error: an error procedure returned");
}

_Noreturn void zrt_type_error_v(zval who, zval expected, zval got)
{
	zval args[3];

	args[0] = who;
	args[1] = expected;
	args[2] = got;
	if (!defined(&zl__25type_2derror)) {
		zrt_host_flush_stdout();
		say("error: ");
		say_string(who);
		say(": expected ");
		say_string(expected);
		say(", got ");
		say_value(got);
		say("\n");
		zrt_print_backtrace();
		zrt_host_exit(70);
	}
	call_handler(&zl__25type_2derror, 3, args);
}

_Noreturn void zrt_type_error(const char *who, const char *expected, zval got)
{
	zval w = ZFALSE, e = ZFALSE;

	ZROOT(got);
	ZROOT(w);
	w = zrt_string_from_cstr(who);
	e = zrt_string_from_cstr(expected);
	zrt_type_error_v(w, e, got);
}

_Noreturn void zrt_range_error(const char *who, zval index, zval object)
{
	zval args[3];

	args[0] = ZFALSE;
	args[1] = index;
	args[2] = object;
	if (!defined(&zl__25range_2derror)) {
		zrt_host_flush_stdout();
		say("error: ");
		say(who);
		say(": index ");
		say_value(index);
		say(" out of range\n");
		zrt_print_backtrace();
		zrt_host_exit(70);
	}
	{
		ZROOT(args[1]);
		ZROOT(args[2]);
		args[0] = zrt_string_from_cstr(who);
	}
	call_handler(&zl__25range_2derror, 3, args);
}

_Noreturn void zrt_simple_error(const char *message)
{
	zval arg;

	if (!defined(&zl__25simple_2derror))
		zrt_fatal_backtrace(message);
	arg = zrt_string_from_cstr(message);
	call_handler(&zl__25simple_2derror, 1, &arg);
}
