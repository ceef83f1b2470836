/*
 * runtime/guest/x86/vectors.h - the 32 exception entries, for vectors.S.
 *
 * In:  included by the machine's vectors.S (x86_64/ or i386/), which
 *      defines trap_common: what to do with the frame built here.
 * Out: two assembler macros.  trap_entries: an entry per vector that
 *      makes the frame uniform (an error code of 0 pushed where the CPU
 *      pushes none, then the vector) and jumps to trap_common.
 *      trap_table: zrt_guest_trap_entries, their addresses in a table of
 *      machine words, which the machine's traps.c puts in the IDT.
 *
 * Why it exists: which vectors come with an error code (8, 10-14, 17,
 * 21, 29, 30) is the same in both modes, and so are these instructions
 * (a push is a word of the mode's size, .dc.a an address).
 */

.macro trap_entry n
	.balign 16
trap_\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	push $0
	.endif
	push $\n
	jmp trap_common
.endm

.macro trap_entries
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	trap_entry \n
	.endr
.endm

.macro trap_table
	.section .rodata
	.balign 8
	.globl zrt_guest_trap_entries
zrt_guest_trap_entries:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.dc.a trap_\n
	.endr
.endm
