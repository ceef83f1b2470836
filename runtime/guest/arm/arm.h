/*
 * runtime/guest/arm/arm.h - the ARM instructions C cannot write.
 *
 * In:  nothing.
 * Out: coprocessor 15 (system control) reads and writes, the barriers
 *      and TLB maintenance, the generic timer's counter, a semihosting
 *      call and a PSCI call; the power-off of last resort (virt.c), for
 *      traps.c.
 *
 * Why it exists: the ARM machine files (arch.c, traps.c) need a few
 * single instructions; each is one line of inline assembly here.  The
 * barriers are CP15 operations rather than DSB/ISB so that the guest
 * compiles for ARMv5TE like the rest of the runtime.
 */
#ifndef ZOOT_GUEST_ARM_H
#define ZOOT_GUEST_ARM_H

#include <stdint.h>

#define CP15_READ(crn, op1, crm, op2)                                         \
	({                                                                    \
		uint32_t v_;                                                  \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
				 : "=r"(v_));                                 \
		v_;                                                           \
	})
#define CP15_WRITE(crn, op1, crm, op2, v)                                     \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2  \
			 : : "r"((uint32_t)(v)) : "memory")

static inline void dsb(void)
{
	CP15_WRITE(c7, 0, c10, 4, 0);
}

static inline void isb(void)
{
	CP15_WRITE(c7, 0, c5, 4, 0);
}

/* Forget every cached translation (after changing the table). */
static inline void flush_tlb(void)
{
	dsb();
	CP15_WRITE(c8, 0, c7, 0, 0);	/* TLBIALL */
	dsb();
	isb();
}

/* The generic timer: its virtual count (CNTVCT) and frequency (CNTFRQ). */
static inline uint64_t read_cntvct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline uint32_t read_cntfrq(void)
{
	return CP15_READ(c14, 0, c0, 0);
}

/* A semihosting request in ARM state: SVC 0x123456, operation in r0,
 * parameter in r1, result in r0. */
static inline uint32_t semihost(uint32_t op, const void *param)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = param;

	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

/* A PSCI call through HVC (the conduit virt's device tree names). */
static inline uint32_t psci(uint32_t function)
{
	register uint32_t r0 __asm__("r0") = function;

	__asm__ volatile(".inst 0xe1400070" /* hvc #0 */ : "+r"(r0) : : "r1", "r2", "r3", "memory");
	return r0;
}

/* Stop the machine through PSCI, without an exit status (virt.c). */
_Noreturn void zrt_arm_power_off(void);

#endif
