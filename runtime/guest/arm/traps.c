/*
 * runtime/guest/arm/traps.c - catching faults on ARM.
 *
 * In:  the vector table and its entries in vectors.S; the fault status
 *      and address registers of coprocessor 15.
 * Out: VBAR pointing at the vector table, and
 *      zrt_guest_trap, which hands each exception to stack.c to be
 *      reported (a stack overflow, or an internal error).
 *
 * Why it exists: a guest has no signals; a fault is an exception the CPU
 * takes through its vector table, and without one it would run off into
 * whatever lies at address 0.  A data abort says where it happened in
 * DFAR (and why in DFSR); a prefetch abort, the failed instruction fetch,
 * in IFAR.  Both are the "page fault" of guest.h: a translation fault
 * below the Zoot stack is a stack overflow, one near address 0 a null
 * pointer.  An alignment fault (DFSR status 1) cannot happen with
 * SCTLR.A off, but is reported as what it is if it does.
 *
 * A supervisor call can only be the semihosting call of zrt_arch_exit,
 * taken as an exception because QEMU runs without semihosting: the
 * machine is powered off through PSCI instead (no exit status).
 *
 * Interrupts stay masked, so IRQ and FIQ never arrive.
 */
#include "../guest.h"
#include "arm.h"

#define TRAP_SVC 2
#define TRAP_PREFETCH_ABORT 3
#define TRAP_DATA_ABORT 4
#define FSR_ALIGNMENT 1

extern char zrt_guest_vectors[];

static const char *const names[8] = {
	"reset", "undefined instruction", "supervisor call", "prefetch abort",
	"data abort", "exception 5", "interrupt", "fast interrupt",
};

void zrt_arch_traps_init(void)
{
	CP15_WRITE(c12, 0, c0, 0, (uintptr_t)zrt_guest_vectors);	/* VBAR */
	isb();
}

_Noreturn void zrt_guest_trap(uint32_t kind, uintptr_t pc);

_Noreturn void zrt_guest_trap(uint32_t kind, uintptr_t pc)
{
	if (kind == TRAP_DATA_ABORT) {
		uint32_t dfsr = CP15_READ(c5, 0, c0, 0), status = (dfsr & 15) | (dfsr >> 6 & 16);

		if (status != FSR_ALIGNMENT)
			zrt_guest_fault(1, CP15_READ(c6, 0, c0, 0), names[kind], pc);
		zrt_guest_fault(0, 0, "alignment fault", pc);
	}
	if (kind == TRAP_PREFETCH_ABORT)
		zrt_guest_fault(1, CP15_READ(c6, 0, c0, 2), names[kind], pc);
	if (kind == TRAP_SVC)
		zrt_arm_power_off();
	zrt_guest_fault(0, 0, names[kind & 7], pc);
}
