/*
 * runtime/guest/arm/vectors.S - the exception vectors (ARM, ARMv7-A).
 *
 * In:  an exception taken to the vector table at VBAR (traps.c sets it):
 *      the CPU in the exception's mode with its own banked sp and lr,
 *      lr pointing a fixed distance past the instruction that faulted.
 * Out: a call to zrt_guest_trap(kind, pc) in traps.c on the fault stack
 *      (32 KiB, here),
 *      kind being the vector's number (1 undefined instruction, 2
 *      supervisor call, 3 prefetch abort, 4 data abort, ...) and pc the
 *      address of the instruction concerned.  It never returns: every
 *      exception ends the program.
 *
 * Why it exists: C cannot be an exception handler.  The table is eight
 * branch instructions, 32-byte aligned as VBAR requires.  Each entry
 * loads the fault stack into the mode's sp: the one fault we expect, a
 * stack overflow, happens with the supervisor stack used up, and the
 * abort mode's sp was never set, so a handler must not trust either.
 * (The x86-64 machine gets the same from its TSS's interrupt stack.)
 * The offsets to the faulting instruction are the ARM ARM's: lr - 8 for
 * a data abort, lr - 4 for the rest (taken from ARM state).
 */
	.arm
	.text
	.balign 32
	.globl zrt_guest_vectors
zrt_guest_vectors:
	b trap_0		/* reset */
	b trap_1		/* undefined instruction */
	b trap_2		/* supervisor call */
	b trap_3		/* prefetch abort */
	b trap_4		/* data abort */
	b trap_5		/* (unused) */
	b trap_6		/* IRQ */
	b trap_7		/* FIQ */

.macro entry n, back
trap_\n:
	ldr sp, =fault_stack_top
	mov r0, #\n
	sub r1, lr, #\back
	b zrt_guest_trap
.endm

	entry 0, 0
	entry 1, 4
	entry 2, 4
	entry 3, 4
	entry 4, 8
	entry 5, 4
	entry 6, 4
	entry 7, 4
	.ltorg

	.bss
	.balign 16
	.skip 32768
fault_stack_top:

	.section .note.GNU-stack, "", %progbits
