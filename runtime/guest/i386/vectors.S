/*
 * runtime/guest/i386/vectors.S - the entry points of the CPU exceptions.
 *
 * In:  an exception (vectors 0-31).  Through an interrupt gate, on the
 *      interrupted stack, with the CPU's frame on it: for some vectors
 *      an error code, then the interrupted eip, cs, eflags.  Through a
 *      task gate (page fault, double fault; see traps.c), at the start
 *      of a fault task, with only the error code on its fresh stack.
 * Out: a call to zrt_guest_trap(frame) (../x86/faults.c) with a uniform
 *      frame: vector, error code (0 when the CPU pushes none), eip; or,
 *      from a task, zrt_guest_task_trap(vector, error) (traps.c), which
 *      finds the eip in the interrupted task's TSS.  Neither returns:
 *      every exception ends the program.
 *
 * Why it exists: as runtime/guest/x86_64/vectors.S, in 32-bit code.
 * zrt_guest_trap_entries is the table traps.c puts in the IDT (its
 * entries for vectors 8 and 14 are replaced there by task gates).
 * Calls are made with %esp 16-byte aligned, as cdecl here expects.
 */
	.text

#include "../x86/vectors.h"

	trap_entries

trap_common:
	mov %esp, %eax
	and $-16, %esp
	sub $12, %esp
	push %eax
	call zrt_guest_trap
	ud2

/* A fault task starts with its stack 16-byte aligned less the error
 * code the CPU pushed. */
.macro task name, n
	.balign 16
	.globl \name
	.type \name, @function
\name:
	pop %eax
	sub $8, %esp
	push %eax
	push $\n
	call zrt_guest_task_trap
	ud2
	.size \name, .-\name
.endm

	task zrt_guest_page_fault_task, 14
	task zrt_guest_double_fault_task, 8

	trap_table

	.section .note.GNU-stack, "", @progbits
