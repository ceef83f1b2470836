/*
 * runtime/host/main.c - the process entry point of a compiled program.
 *
 * In:  argc/argv and the environment: ZOOT_HEAP_MAX (largest semispace,
 *      bytes with an optional k/m/g; default 1g), ZOOT_GC_STRESS=1
 *      (collect at every slow-path allocation), ZOOT_GC_VERBOSE=1 (a
 *      line per collection on stderr); the program's entry closure,
 *      the static object zoot_entry_closure emitted by the compiler.
 * Out: a running program: heap, symbols, Zoot stack and fault handler
 *      set up, then the lead's assembly zrt_start runs the entry closure
 *      on the Zoot stack.  The program ends by calling %exit.
 *
 * Why it exists: the order of start-up matters (the heap before the
 * symbols, which allocate; the site table before any fault can happen),
 * and it is kept in one short place.
 */
#include <stdlib.h>
#include <string.h>
#include "../zrt.h"

#define INITIAL_HEAP ((size_t)4 << 20)
#define DEFAULT_HEAP_MAX ((size_t)1 << 30)

extern zval zoot_entry_closure[];

static int flag(const char *name)
{
	const char *s = getenv(name);

	return s && *s && strcmp(s, "0") != 0;
}

int main(int argc, char **argv)
{
	struct zrt_heap_config config;
	const char *max = getenv("ZOOT_HEAP_MAX");

	config.initial_bytes = INITIAL_HEAP;
	config.max_bytes = DEFAULT_HEAP_MAX;
	config.stress = flag("ZOOT_GC_STRESS");
	config.verbose = flag("ZOOT_GC_VERBOSE");
	if (max) {
		config.max_bytes = zrt_parse_size(max);
		if (!config.max_bytes) {
			zrt_host_write_str(2, "error: invalid ZOOT_HEAP_MAX \"");
			zrt_host_write_str(2, max);
			zrt_host_write_str(2, "\": expected a size of at least 64k, such as 512m or 2g\n");
			zrt_host_exit(70);
		}
	}
	zrt_host_set_command_line(argc, argv);
	zrt_heap_init(&config);
	zrt_symbols_init();
	zrt_sites_init();
	zrt_stack_init();
	zrt_start(zrt_stack_top(), MAKE_OBJ_PTR(zoot_entry_closure));
	zrt_host_exit(0);
}
