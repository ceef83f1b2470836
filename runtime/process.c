/*
 * runtime/process.c - the program's view of its process, on any platform.
 *
 * In:  the arguments the platform found (zrt_host_set_command_line: from
 *      main's argv hosted, from the kernel command line in a guest), its
 *      getenv and clock (zrt_host_nanoseconds), requests from the
 *      library.
 * Out: %command-line, %platform-features, %getenv, %environment, %current-jiffy,
 *      %jiffies-per-second, %exit.  (%current-second, a flonum, is in
 *      numbers.c, one of the files a guest lets use the FPU.)
 *
 * Why it exists: these primitives are the same hosted and in a guest;
 * what differs, where arguments, environment and time come from and how
 * a program ends (zrt_host_exit), is runtime/host/os.c's or
 * runtime/guest/os.c's.
 *
 * Jiffies count from start-up, so they stay small: microseconds on
 * 64-bit targets; milliseconds on 32-bit ones, where a fixnum of
 * microseconds would overflow after nine minutes.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

#define JIFFIES_PER_SECOND (sizeof(zval) >= 8 ? 1000000 : 1000)

static int saved_argc;
static char **saved_argv;

void zrt_host_set_command_line(int argc, char **argv)
{
	saved_argc = argc;
	saved_argv = argv;
}

/* The features (features) lists beyond the language's, as strings: the
 * machine, its byte order, then the OS's (zrt_host_features).  They
 * match what the compiler's cond-expand sees for the target
 * (compiler/driver.zt, target-feature-names), except in a guest, whose
 * code was compiled as for Linux but runs on no OS. */
zval zp_platform_features(void)
{
#if defined(__x86_64__)
	static const char machine[] = "x86-64";
#elif defined(__i386__)
	static const char machine[] = "i386";
#else
	static const char machine[] = "arm";
#endif
	const char *os = zrt_host_features();
	const char *end = os + strlen(os);
	zval list = ZNULL, s = ZFALSE;

	ZROOT(list);
	ZROOT(s);
	while (end > os) {	/* the OS's words, last first */
		const char *start = end;

		while (start > os && start[-1] != ' ')
			start--;
		s = zrt_string_from_utf8(start, (size_t)(end - start));
		list = zrt_cons(s, list);
		end = start > os ? start - 1 : start;
	}
	s = zrt_string_from_cstr("little-endian");
	list = zrt_cons(s, list);
	s = zrt_string_from_cstr(machine);
	list = zrt_cons(s, list);
	return list;
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

/* A name holding a NUL names no variable. */
zval zp_getenv(zval name)
{
	char *n, *value;
	size_t len;

	if (!IS_STRING(name))
		zrt_type_error("%getenv", "a string", name);
	n = zrt_string_to_utf8(name, &len);
	if (!n)
		zrt_fatal("out of memory (getenv)");
	value = strlen(n) == len ? getenv(n) : NULL;
	free(n);
	return value ? zrt_string_from_cstr(value) : ZFALSE;
}

/* (%environment): the variables as a list of (NAME . VALUE) strings. */
zval zp_environment(void)
{
	zval list = ZNULL, name = ZFALSE, value = ZFALSE;
	size_t n, i;
	char **vars = zrt_host_environment(&n);

	ZROOT(list);
	ZROOT(name);
	ZROOT(value);
	for (i = n; i-- > 0;) {
		const char *eq = strchr(vars[i], '=');

		if (!eq)
			continue;
		name = zrt_string_from_utf8(vars[i], (size_t)(eq - vars[i]));
		value = zrt_string_from_cstr(eq + 1);
		name = zrt_cons(name, value);
		list = zrt_cons(name, list);
	}
	return list;
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

_Noreturn zval zp_exit(zval code)
{
	zrt_host_exit(IS_FIXNUM(code) ? (int)FIXNUM_VALUE(code) : 70);
}
