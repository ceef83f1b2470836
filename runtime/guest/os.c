/*
 * runtime/guest/os.c - the process services of a guest: command line,
 * environment, time, exit.
 *
 * In:  the kernel command line, as scripts/boot writes it:
 *
 *          NAME=VALUE ... -- PROGRAM ARG ...
 *
 *      words separated by spaces, each percent-encoded (every byte that
 *      is not a letter, digit or one of . _ - / = , : + is written %XX,
 *      and an empty word is a lone %), so any argument survives; without
 *      a "--" word every word is an argument.
 * Out: the program's arguments (for runtime/process.c, which has the
 *      primitives %command-line, %getenv, %current-jiffy, %exit) and
 *      environment (getenv); the clock; power-off carrying the exit
 *      status.
 *
 * Why it exists: it stands where runtime/host/os.c stands.  A guest has
 * no process to inherit an environment from, so the environment is what
 * the command line brings (scripts/boot passes PATH, HOME and every
 * ZOOT_* variable of its own, so ZOOT_HEAP_MAX, ZOOT_GC_STRESS and the
 * rest work in a guest as they do hosted).
 *
 * Exit statuses.  As hosted, a status is taken modulo 256.  The machine's
 * power-off (isa-debug-exit on x86, whose exit code is status * 2 + 1)
 * loses the top bit in an 8-bit process exit code, so a status of 128 or
 * more is also written to the output disk, where scripts/boot finds it.
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

static char **env_vars;
static int env_count;
static const char *stdin_kind;

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The word of N bytes at W, percent-decoded, malloc'ed. */
static char *decode(const char *w, size_t n)
{
	char *out = malloc(n + 1);
	size_t i, k = 0;

	if (!out)
		zrt_fatal("out of memory (command line)");
	if (n == 1 && w[0] == '%')
		n = 0;		/* the empty word */
	for (i = 0; i < n; i++) {
		int hi, lo;

		if (w[i] == '%' && i + 2 < n && (hi = hex_digit(w[i + 1])) >= 0 &&
		    (lo = hex_digit(w[i + 2])) >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = w[i];
		}
	}
	out[k] = '\0';
	return out;
}

void zrt_os_init(const char *cmdline)
{
	const char *s;
	char **words;
	int n = 0, i, dashes = -1;
	static char *program[] = { "zoot" };

	/* Count, then cut. */
	for (s = cmdline; *s;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		n++;
		while (*s && *s != ' ')
			s++;
	}
	words = malloc((size_t)(n + 1) * sizeof(*words));
	if (!words)
		zrt_fatal("out of memory (command line)");
	n = 0;
	for (s = cmdline; *s;) {
		const char *start;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		start = s;
		while (*s && *s != ' ')
			s++;
		if (dashes < 0 && s - start == 2 && start[0] == '-' && start[1] == '-') {
			dashes = n;
			continue;
		}
		words[n++] = decode(start, (size_t)(s - start));
	}
	if (dashes < 0)
		dashes = 0;
	env_vars = words;
	env_count = 0;
	for (i = 0; i < dashes; i++) {
		if (strncmp(words[i], "ZOOT_GUEST_STDIN=", 17) == 0)
			stdin_kind = words[i] + 17;	/* scripts/boot's, not the program's */
		else if (strchr(words[i], '='))
			words[env_count++] = words[i];
	}
	if (n > dashes)
		zrt_host_set_command_line(n - dashes, words + dashes);
	else
		zrt_host_set_command_line(1, program);
}

const char *zrt_os_stdin_kind(void)
{
	return stdin_kind;
}

char **zrt_host_environment(size_t *n)
{
	*n = (size_t)env_count;
	return env_vars;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; i < env_count; i++) {
		if (strncmp(env_vars[i], name, n) == 0 && env_vars[i][n] == '=')
			return env_vars[i] + n + 1;
	}
	return NULL;
}

uint64_t zrt_host_nanoseconds(void)
{
	return zrt_arch_nanoseconds();
}

/* A guest runs on no operating system. */
const char *zrt_host_features(void)
{
	return "";
}

/* No wall clock is read in a guest (QEMU's RTCs differ per machine and
 * nothing else needs one): time since boot. */
uint64_t zrt_host_epoch_nanoseconds(void)
{
	return zrt_arch_nanoseconds();
}

_Noreturn void zrt_host_exit(int code)
{
	int status = code & 0xff;

	zrt_host_flush_stdout();
	if (status >= 128)
		zrt_files_record_status(status);
	zrt_arch_exit(status);
}
