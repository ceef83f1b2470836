/*
 * runtime/host/os.c - the process: command line, environment, time, exit.
 *
 * In:  argc/argv from main(); requests from the library.
 * Out: %command-line, %getenv, %current-jiffy, %jiffies-per-second,
 *      %exit; the monotonic clock and exit for the rest of the runtime.
 *
 * Why it exists: these are the process-level services of libc; a guest
 * kernel build replaces this file.
 *
 * Jiffies count from start-up, so they stay small: microseconds on
 * 64-bit targets; milliseconds on 32-bit ones, where a fixnum of
 * microseconds would overflow after nine minutes.
 */
#include <stdlib.h>
#include <time.h>
#include "../zrt.h"

#define JIFFIES_PER_SECOND (sizeof(zval) >= 8 ? 1000000 : 1000)

static int saved_argc;
static char **saved_argv;

void zrt_host_set_command_line(int argc, char **argv)
{
	saved_argc = argc;
	saved_argv = argv;
	zrt_host_nanoseconds();		/* start the jiffy clock */
}

/* The program name first, then the arguments, as strings. */
zval zp_command_line(void)
{
	zval list = ZNULL, s = ZFALSE;
	int i;

	ZROOT(list);
	ZROOT(s);
	for (i = saved_argc - 1; i >= 0; i--) {
		s = zrt_string_from_cstr(saved_argv[i]);
		list = zrt_cons(s, list);
	}
	return list;
}

zval zp_getenv(zval name)
{
	char *n, *value;
	size_t len;

	if (!IS_STRING(name))
		zrt_type_error("%getenv", "a string", name);
	n = zrt_string_to_utf8(name, &len);
	if (!n)
		zrt_fatal("out of memory (getenv)");
	value = getenv(n);
	free(n);
	return value ? zrt_string_from_cstr(value) : ZFALSE;
}

/* Nanoseconds since the first call. */
uint64_t zrt_host_nanoseconds(void)
{
	static uint64_t base;
	struct timespec ts;
	uint64_t now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	if (!base)
		base = now - 1;
	return now - base;
}

zval zp_current_jiffy(void)
{
	uint64_t jiffies = zrt_host_nanoseconds() / (1000000000u / JIFFIES_PER_SECOND);

	return MAKE_FIXNUM((zint)(jiffies & (uint64_t)FIXNUM_MAX));
}

zval zp_jiffies_per_second(void)
{
	return MAKE_FIXNUM(JIFFIES_PER_SECOND);
}

_Noreturn void zrt_host_exit(int code)
{
	zrt_host_flush_stdout();
	exit(code);
}

_Noreturn zval zp_exit(zval code)
{
	zrt_host_exit(IS_FIXNUM(code) ? (int)FIXNUM_VALUE(code) : 70);
}
