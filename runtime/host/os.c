/*
 * runtime/host/os.c - the process: time and exit (libc).
 *
 * In:  requests from the runtime (runtime/process.c has the primitives
 *      on top: %command-line, %getenv, %current-jiffy, %exit).
 * Out: the monotonic clock, the environment's variables, and exit.
 *
 * Why it exists: these are the process-level services of libc; a guest
 * kernel build replaces this file (runtime/guest/os.c).  The command
 * line comes from main (runtime/host/main.c), the environment from
 * libc's getenv.
 */
#include <stdlib.h>
#include <time.h>
#include "../zrt.h"

extern char **environ;

/* The environment's NAME=VALUE strings; *N of them. */
char **zrt_host_environment(size_t *n)
{
	size_t k = 0;

	while (environ && environ[k])
		k++;
	*n = k;
	return environ;
}

/* Nanoseconds since the first call (main makes it at start-up). */
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

const char *zrt_host_features(void)
{
	return "posix unix linux";
}

uint64_t zrt_host_epoch_nanoseconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

_Noreturn void zrt_host_exit(int code)
{
	zrt_host_flush_stdout();
	exit(code);
}
