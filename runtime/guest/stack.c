/*
 * runtime/guest/stack.c - the Zoot stack's limits, and what a fault means.
 *
 * In:  the stack memory.c carved and mapped; faults reported by the
 *      machine's trap handler (runtime/guest/<arch>/traps.c).
 * Out: zrt_stack_low and zrt_stack_limit for the prologue checks;
 *      zrt_stack_top for zrt_start; for a fault, the same report a hosted
 *      program's SIGSEGV handler gives, and exit status 70.
 *
 * Why it exists: it stands where runtime/host/stack.c stands.  Generated
 * code checks the stack pointer against zrt_stack_limit in every
 * prologue and raises a catchable error; whatever slips past that check
 * runs into the unmapped space below the stack, where the page fault is
 * reported as a stack overflow.  Any other fault is an internal error,
 * never a silent reset of the machine.
 */
#include "guest.h"

#define HEADROOM_BYTES ((size_t)256 << 10)

zval *zrt_stack_limit;
zval *zrt_stack_low;

void zrt_stack_init(void)
{
	zrt_stack_low = (zval *)zrt_guest_stack_lo;
	zrt_stack_limit = (zval *)(zrt_guest_stack_lo + HEADROOM_BYTES);
}

zval *zrt_stack_top(void)
{
	return (zval *)zrt_guest_stack_hi;
}

/* The machine leaves at least this much unmapped below the stack. */
#define GUARD_BYTES ((uintptr_t)64 << 20)

int zrt_in_stack_guard(uintptr_t addr)
{
	uintptr_t lo = (uintptr_t)zrt_guest_stack_lo;

	return addr < lo && addr >= lo - GUARD_BYTES;
}

/*
 * A fault: a page fault at ADDR when PAGE_FAULT, otherwise the exception
 * named WHAT at instruction PC.  A second fault while reporting (a
 * corrupt frame chain, say) stops the machine at once.
 */
_Noreturn void zrt_guest_fault(int page_fault, uintptr_t addr, const char *what, uintptr_t pc)
{
	static volatile int busy;

	if (busy) {
		zrt_console_emergency("error: internal error: fault while reporting a fault\n");
		zrt_arch_exit(70);
	}
	busy = 1;
	if (page_fault)
		zrt_report_fault(zrt_in_stack_guard(addr), "segmentation fault", addr);
	else
		zrt_report_fault(0, what, pc);
	zrt_host_exit(70);
}
