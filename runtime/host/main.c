/*
 * runtime/host/main.c - the process entry point of a compiled program.
 *
 * In:  argc/argv and the environment: ZOOT_HEAP_MAX (largest semispace,
 *      bytes with an optional k/m/g; default 1g, or a third of the
 *      machine's RAM when that is less), ZOOT_GC_STRESS=1
 *      (collect at every slow-path allocation), ZOOT_GC_VERBOSE=1 (a
 *      line per collection on stderr); the program's entry closure,
 *      the static object zoot_entry_closure emitted by the compiler.
 * Out: a running program: the heap's settings and the command line
 *      taken, then runtime/start.c (zrt_run) sets up heap, symbols, Zoot
 *      stack and fault handler and runs the entry closure on the Zoot
 *      stack.  The program ends by calling %exit.
 *
 * Why it exists: it is the hosted half of start-up; runtime/guest/main.c
 * is the other platform's.
 */
#include <unistd.h>
#include "../zrt.h"

#define INITIAL_HEAP ((size_t)4 << 20)
#define DEFAULT_HEAP_MAX ((size_t)1 << 30)
#define SMALLEST_HEAP_MAX ((size_t)16 << 20)

/* A collection needs two semispaces of the maximum size: on a small
 * machine (an ARM board with 32 MB) the default must leave room for
 * them and everything else, so that running out is the clean "heap
 * exhausted" error rather than the system killing the process. */
static size_t default_heap_max(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	uint64_t third;		/* RAM can exceed a 32-bit size_t */

	if (pages <= 0 || page <= 0)
		return DEFAULT_HEAP_MAX;
	third = (uint64_t)pages / 3 * (uint64_t)page;
	if (third < SMALLEST_HEAP_MAX)
		return SMALLEST_HEAP_MAX;
	return third < DEFAULT_HEAP_MAX ? (size_t)third : DEFAULT_HEAP_MAX;
}

int main(int argc, char **argv)
{
	struct zrt_heap_config config;

	config.initial_bytes = INITIAL_HEAP;
	config.max_bytes = default_heap_max();
	zrt_heap_config_from_env(&config);
	zrt_host_set_command_line(argc, argv);
	zrt_host_nanoseconds();		/* the jiffy clock starts now */
	zrt_run(&config);
}
