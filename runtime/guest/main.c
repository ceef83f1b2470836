/*
 * runtime/guest/main.c - the start of a guest kernel, once in C.
 *
 * In:  what the machine's boot code learnt from the loader (struct
 *      zrt_boot: RAM, command line); the program's entry closure,
 *      zoot_entry_closure, emitted by the compiler.
 * Out: a running program, as runtime/host/main.c makes one: fault
 *      handlers, memory, devices, arguments and environment, then
 *      runtime/start.c (zrt_run): heap, symbols, call sites, and the
 *      entry closure run on the Zoot stack.  The program ends by
 *      calling %exit, which powers off.
 *
 * Why it exists: the order matters and is kept in one short place.
 * Faults are caught first; memory comes before the devices (their
 * queues are allocated); the console before anything that may report an
 * error; the environment (ZOOT_HEAP_MAX ...) before the heap.
 *
 * The heap's maximum.  Hosted, it is 1 GiB unless ZOOT_HEAP_MAX says
 * otherwise, and the operating system finds the memory.  A guest has
 * only its RAM, so the default is two fifths of what is free after
 * start-up: a collection needs two spaces, and the rest is slack for
 * malloc and for the spaces not lying end to end.  If growing the heap
 * still needs more than is free, the runtime keeps the size it has
 * (heap.c) and reports "heap exhausted" from there, as hosted.
 */
#include "guest.h"

#define INITIAL_HEAP ((size_t)4 << 20)
#define MIN_HEAP ((size_t)64 << 10)
#define MAX_DEVICES 32

_Noreturn void zrt_guest_start(struct zrt_boot *boot)
{
	static struct zrt_virtio devices[MAX_DEVICES];
	struct zrt_heap_config config;
	int n;

	zrt_arch_traps_init();
	zrt_memory_init(boot);
	zrt_arch_unmap_page0();
	n = zrt_virtio_probe(devices, MAX_DEVICES);
	zrt_console_init(devices, n);
	zrt_block_init(devices, n);
	zrt_net_attach(devices, n);
	zrt_os_init(boot->cmdline);

	config.max_bytes = zrt_memory_free_bytes() / 5 * 2 / MIN_HEAP * MIN_HEAP;
	if (config.max_bytes < MIN_HEAP)
		zrt_fatal("not enough memory for the heap (boot with more memory)");
	zrt_heap_config_from_env(&config);
	config.initial_bytes = INITIAL_HEAP < config.max_bytes ? INITIAL_HEAP : config.max_bytes;
	zrt_run(&config);
}
