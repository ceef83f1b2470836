/*
 * runtime/start.c - running the program, once its platform is ready.
 *
 * In:  the heap's settings (the platform's defaults, then the
 *      environment's: zrt_heap_config_from_env); the program's entry
 *      closure, the static object zoot_entry_closure emitted by the
 *      compiler.
 * Out: heap, symbols, call sites and Zoot stack set up, then the glue's
 *      zrt_start runs the entry closure on the Zoot stack.  The program
 *      ends by calling %exit; if the entry returns, the status is 0.
 *
 * Why it exists: the order of start-up matters (the heap before the
 * symbols, which allocate; the site table before any fault can happen)
 * and is the same hosted (runtime/host/main.c) and in a guest
 * (runtime/guest/main.c), which do what comes before it.  A file of its
 * own, so that only a program, not a unit test, needs an entry closure.
 */
#include "zrt.h"

extern zval zoot_entry_closure[];

_Noreturn void zrt_run(const struct zrt_heap_config *config)
{
	zrt_heap_init(config);
	zrt_symbols_init();
	zrt_sites_init();
	zrt_stack_init();
	zrt_start(zrt_stack_top(), MAKE_OBJ_PTR(zoot_entry_closure));
	zrt_host_exit(0);
}
