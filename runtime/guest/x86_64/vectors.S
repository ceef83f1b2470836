/*
 * runtime/guest/x86_64/vectors.S - the entry points of the CPU exceptions.
 *
 * In:  an exception (vectors 0-31) taken on the fault stack (IST 1, see
 *      traps.c), with the CPU's frame on it: for some vectors an error
 *      code, then the interrupted rip, cs, rflags, rsp and ss.
 * Out: a call to zrt_guest_trap(frame) in traps.c with a uniform frame:
 *      vector, error code (0 when the CPU pushes none), rip, cs, rflags,
 *      rsp, ss.  It never returns: every exception ends the program.
 *
 * Why it exists: the CPU pushes an error code for some vectors only
 * (8, 10-14, 17, 21, 29, 30), so each vector needs a few instructions
 * of its own before the common path; and C cannot be an interrupt
 * handler.  zrt_guest_trap_entries is the table traps.c puts in the IDT.
 */
	.text

.macro entry n
	.balign 16
trap_\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	push $0
	.endif
	push $\n
	jmp trap_common
.endm

	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	entry \n
	.endr

trap_common:
	mov %rsp, %rdi
	and $-16, %rsp
	call zrt_guest_trap
	ud2

	.section .rodata
	.balign 8
	.globl zrt_guest_trap_entries
zrt_guest_trap_entries:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_\n
	.endr

	.section .note.GNU-stack, "", @progbits
