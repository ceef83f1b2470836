/*
 * test/guest/fault.c - a guest kernel that faults on purpose.
 *
 * In:  the guest runtime (linked instead of its main.c: this file is
 *      the zrt_guest_start); FAULT=null, FAULT=opcode or FAULT=stack in
 *      its environment (scripts/boot --env).
 * Out: "fault test" on standard output, then the report of the fault
 *      the guest's trap handler gives (runtime/guest/stack.c) and exit
 *      status 70: a write through a null pointer, an invalid
 *      instruction, or C recursion that runs through the Zoot stack into
 *      the unmapped space below it.
 *
 * Why it exists: compiled Zoot code never faults on purpose (its stack
 * checks raise an error first), so the fault handlers, their own stack
 * and the guard below the Zoot stack are tested from C.  test/guest/run
 * builds it with `make guest-fault-test`.
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

/* What the assembly glue refers to, which no Zoot code provides here. */
zval zl__25call_2derror;
#if defined(__arm__)
/* ARM's glue.S names these too. */
zval zl__25arity_2derror, zl__25c_2dchecked_2drecord_2dref, zl__25c_2dchecked_2drecord_2dset_21,
	zl__25range_2derror,
	zl__25simple_2derror, zl__25type_2derror;
#endif

static struct zrt_virtio devices[8];
static int volatile *volatile nowhere;

/* Each call takes a page of stack and keeps it: the page is written
 * after the inner call returns, so the compiler cannot make a loop of
 * this. */
static int descend(int n)
{
	volatile char page[4096];

	page[0] = (char)n;
	page[1] = (char)descend(n + 1);
	return page[0] + page[1];
}

_Noreturn void zrt_guest_start(struct zrt_boot *boot)
{
	const char *fault;
	int n;

	zrt_arch_traps_init();
	zrt_memory_init(boot);
	zrt_arch_unmap_page0();
	n = zrt_virtio_probe(devices, 8);
	zrt_console_init(devices, n);
	zrt_os_init(boot->cmdline);
	zrt_stack_init();
	zrt_host_write_str(1, "fault test\n");
	zrt_host_flush_stdout();
	fault = getenv("FAULT");
	if (fault && strcmp(fault, "null") == 0)
		*nowhere = 1;
	if (fault && strcmp(fault, "opcode") == 0)
#if defined(__arm__)
		__asm__ volatile("udf #0");
#else
		__asm__ volatile("ud2");
#endif
	if (fault && strcmp(fault, "stack") == 0)
#if defined(__x86_64__)
		__asm__ volatile("mov %0, %%rsp; call *%1"
				 : : "r"(zrt_guest_stack_hi), "r"(descend), "D"(0) : "memory");
#elif defined(__i386__)
		__asm__ volatile("mov %0, %%esp; sub $12, %%esp; push $0; call *%1"
				 : : "r"(zrt_guest_stack_hi), "r"(descend) : "memory");
#elif defined(__arm__)
		__asm__ volatile("mov sp, %0; mov r0, #0; blx %1"
				 : : "r"(zrt_guest_stack_hi), "r"(descend) : "r0", "memory");
#endif
	zrt_host_exit(0);
}
