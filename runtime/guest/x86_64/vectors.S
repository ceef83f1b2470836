/*
 * runtime/guest/x86_64/vectors.S - the entry points of the CPU exceptions.
 *
 * In:  an exception (vectors 0-31) taken on the fault stack (IST 1, see
 *      traps.c), with the CPU's frame on it: for some vectors an error
 *      code, then the interrupted rip, cs, rflags, rsp and ss.
 * Out: a call to zrt_guest_trap(frame) (../x86/faults.c) with a uniform
 *      frame: vector, error code (0 when the CPU pushes none), rip, then
 *      cs, rflags, rsp, ss.  It never returns: every exception ends the
 *      program.
 *
 * Why it exists: the CPU pushes an error code for some vectors only
 * (8, 10-14, 17, 21, 29, 30), so each vector needs a few instructions
 * of its own before the common path (../x86/vectors.h, shared with
 * i386); and C cannot be an interrupt handler.  zrt_guest_trap_entries
 * is the table traps.c puts in the IDT.
 */
	.text

#include "../x86/vectors.h"

	trap_entries

trap_common:
	mov %rsp, %rdi
	and $-16, %rsp
	call zrt_guest_trap
	ud2

	trap_table

	.section .note.GNU-stack, "", @progbits
