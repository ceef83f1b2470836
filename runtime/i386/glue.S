/*
 * runtime/i386/glue.S - the few routines that must be assembly (i386).
 *
 * In:  the calling convention of runtime/ABI.md, section "i386" (closure
 *      in %edi, argument count in %eax, arguments in %ebx %ecx %edx and
 *      zrt_args[3...], heap pointer and limit in memory, frames chained
 *      through %ebp with a slot-count marker at -4(%ebp)); C functions
 *      follow cdecl (arguments on the stack, %esp 16-byte aligned at
 *      the call; %ebx %esi %edi %ebp preserved).
 * Out: zrt_start and zrt_call (C entering Zoot), zrt_alloc_slow (the
 *      slow path of inline allocation), zrt_stack_overflow (the prologue
 *      check failed), zrt_call_cc, zrt_cont_throw and
 *      zrt_cont_underflow (continuations: capture, resume, and the
 *      return into a captured stretch), zrt_apply (calling with a list
 *      of arguments).
 *
 * Everything else the generated code needs is C.  These routines move
 * the stack pointer or the frame chain in ways C cannot express.  A
 * Zoot frame leaves %esp 16-byte aligned, so a routine called from Zoot
 * code starts with %esp at 12 mod 16, as a C function does.
 *
 * Every routine carries DWARF call-frame information (.cfi_ directives,
 * which as turns into .eh_frame), as the generated code does: where the
 * caller's frame (the CFA) and the return address are at each
 * instruction, so that gdb's bt from a breakpoint in the runtime's C
 * walks through the glue into the Zoot frames and stops at zrt_start.
 * On entry (the CIE's rule) the CFA is %esp + 4 and the return address
 * at CFA - 4; a routine that makes a frame says so as generated code
 * does: push %ebp (CFA %esp + 8, %ebp saved at CFA - 8), then mov %esp,
 * %ebp (CFA %ebp + 8).
 */

#include "../glue.h"

	GLUE_MESSAGES

	.text

/* Call-frame information: the frame made by push %ebp; mov %esp, %ebp
 * (FRAME_CFI, which does both) and taken down by leave (LEFT_CFI after
 * it: the CFA is %esp + 4 again and %ebp the caller's). */
.macro FRAME_CFI
	push %ebp
	.cfi_def_cfa_offset 8
	.cfi_offset %ebp, -8
	mov %esp, %ebp
	.cfi_def_cfa_register %ebp
.endm

.macro LEFT_CFI
	.cfi_def_cfa %esp, 4
	.cfi_restore %ebp
.endm

/* %edi is not a procedure: (%call-error value), which raises.  Used in
 * a frame with %esp aligned for a call, inside the routine that made
 * it, so the routine's call-frame information holds here too. */
.macro NOT_A_PROCEDURE
	mov %edi, %ebx
	mov zl__25call_2derror, %edi
	mov $1, %eax
	call *1(%edi)
	ud2
.endm

/*
 * void zrt_start(zval *stack_top, zval closure): switch to the Zoot
 * stack and run the program's entry closure.  The entry ends by calling
 * exit; if it ever returns, exit with status 0.
 */
	.globl zrt_start
	.type zrt_start, @function
zrt_start:
	.cfi_startproc
	.cfi_undefined %eip		/* the bottom of the stack, for gdb and perf */
	mov 4(%esp), %eax
	mov 8(%esp), %edx
	mov %eax, %esp
	and $-16, %esp
	xor %ebp, %ebp
	sub $16, %esp
	mov %edx, (%esp)
	movl $0, 4(%esp)
	movl $0, 8(%esp)
	call zrt_call
	movl $0, (%esp)
	call zp_exit
	ud2
	.cfi_endproc
	.size zrt_start, .-zrt_start

/*
 * zval zrt_call(zval closure, zint argc, zval *argv): C calls Zoot.
 * The entry frame it pushes has the marker -1 and keeps the runtime's
 * record of the Zoot frame that called into C, so the collector and the
 * backtrace walk skip the C frames in between.  C's callee-saved
 * registers are kept.
 */
	.globl zrt_call
	.type zrt_call, @function
zrt_call:
	.cfi_startproc
	FRAME_CFI
	push $-1			/* -4:  entry-frame marker */
	pushl zrt_zoot_frame		/* -8:  saved innermost Zoot frame */
	pushl zrt_zoot_sp		/* -12: saved stack pointer there */
	push %ebx			/* CFA - 24 */
	.cfi_offset %ebx, -24
	push %esi
	.cfi_offset %esi, -28
	push %edi			/* %esp = %ebp - 24: aligned */
	.cfi_offset %edi, -32
	mov 8(%ebp), %edi
	mov 12(%ebp), %eax
	mov 16(%ebp), %esi
	/* Arguments 3 and up go to zrt_args[i]. */
	mov $3, %ecx
1:	cmp %eax, %ecx
	jge 2f
	mov (%esi,%ecx,4), %edx
	mov %edx, zrt_args(,%ecx,4)
	inc %ecx
	jmp 1b
2:	cmp $1, %eax
	jl 3f
	mov (%esi), %ebx
	cmp $2, %eax
	jl 3f
	mov 4(%esi), %ecx
	cmp $3, %eax
	jl 3f
	mov 8(%esi), %edx
3:	lea -3(%edi), %esi
	test $7, %esi
	jne 4f
	cmpb $CLOSURE_HEADER_LOW, -3(%edi)
	jne 4f
	call *1(%edi)
	mov -8(%ebp), %ecx
	mov %ecx, zrt_zoot_frame
	mov -12(%ebp), %ecx
	mov %ecx, zrt_zoot_sp
	mov -16(%ebp), %ebx
	.cfi_restore %ebx
	mov -20(%ebp), %esi
	.cfi_restore %esi
	mov -24(%ebp), %edi
	.cfi_restore %edi
	.cfi_remember_state
	leave
	LEFT_CFI
	ret
	.cfi_restore_state
	.cfi_offset %ebx, -24		/* the error path below: still saved */
	.cfi_offset %esi, -28
	.cfi_offset %edi, -32
4:	NOT_A_PROCEDURE
	.cfi_endproc
	.size zrt_call, .-zrt_call

/*
 * The slow path of an inline allocation of %esi bytes, whose fast path
 * found the heap full: let the collector make room, return the address
 * in %eax and the new heap pointer (past the object) in %esi.
 */
	.globl zrt_alloc_slow
	.type zrt_alloc_slow, @function
zrt_alloc_slow:
	.cfi_startproc
	mov %ebp, zrt_zoot_frame
	lea 4(%esp), %eax
	mov %eax, zrt_zoot_sp
	shr $2, %esi			/* bytes -> words */
	sub $12, %esp
	.cfi_adjust_cfa_offset 12
	mov %esi, (%esp)
	call zrt_gc_alloc
	add $12, %esp
	.cfi_adjust_cfa_offset -12
	mov zrt_heap_ptr, %esi
	ret
	.cfi_endproc
	.size zrt_alloc_slow, .-zrt_alloc_slow

/*
 * A prologue found %esp below zrt_stack_limit.  Lower the limit into
 * the reserve so the error can be handled and reported, then raise the
 * error (zrt_cont_throw puts the limit back when a handler escapes).
 */
	.globl zrt_stack_overflow
	.type zrt_stack_overflow, @function
zrt_stack_overflow:
	.cfi_startproc
	mov zrt_stack_low, %eax
	add $16384, %eax
	mov %eax, zrt_stack_limit
	mov %ebp, zrt_zoot_frame
	lea 4(%esp), %eax
	mov %eax, zrt_zoot_sp
	sub $12, %esp
	.cfi_adjust_cfa_offset 12
	movl $msg_stack_overflow, (%esp)
	call zrt_simple_error
	ud2
	.cfi_endproc
	.size zrt_stack_overflow, .-zrt_stack_overflow

/* Report a runtime error with the C string in %eax from a glue routine
 * entered by a Zoot call (%esp at 12 mod 16), by a jump before it moved
 * %esp: make a frame without slots first. */
	.type glue_error, @function
glue_error:
	.cfi_startproc
	FRAME_CFI
	push $0
	push $0
	sub $16, %esp
	mov %eax, (%esp)
	mov %ebp, zrt_zoot_frame
	mov %esp, zrt_zoot_sp
	call zrt_simple_error
	ud2
	.cfi_endproc
	.size glue_error, .-glue_error

	.type glue_arity, @function
glue_arity:
	.cfi_startproc
	mov $msg_glue_arity, %eax
	jmp glue_error
	.cfi_endproc
	.size glue_arity, .-glue_arity

/*
 * (%call/cc f): call F with a continuation object K for the return
 * from here (runtime/continuations.c, ABI.md "Continuations").  The
 * capture makes this frame the boundary frame: its return address
 * becomes zrt_cont_underflow, so a normal return from F goes through
 * the continuation just made, like a call of it.
 *
 * Frame: marker 2, slot 0 = f, slot 1 = k, padding, the outgoing
 * argument of the C call at 0(%esp); 24 bytes keep %esp aligned.
 */
	.globl zrt_call_cc
	.type zrt_call_cc, @function
zrt_call_cc:
	.cfi_startproc
	cmp $1, %eax
	jne glue_arity
	FRAME_CFI
	sub $24, %esp
	movl $8, -4(%ebp)
	mov %ebx, -8(%ebp)
	movl $0, -12(%ebp)
	mov %ebp, zrt_zoot_frame
	mov %esp, zrt_zoot_sp
	mov %ebp, (%esp)
	call zrt_cont_capture
	mov %eax, -12(%ebp)
	/* The return address is zrt_cont_underflow's now; the caller's is
	 * CONT_RA of k, in slot 1: DW_CFA_expression: the return address
	 * is at k + 1, k at -12(%ebp) (DW_OP_breg fp -12, DW_OP_deref,
	 * DW_OP_plus_uconst 1). */
	.cfi_escape 0x10, 8, 5, 0x75, 0x74, 0x06, 0x23, 0x01
	mov -8(%ebp), %edi
	lea -3(%edi), %esi
	test $7, %esi
	jne 2f
	cmpb $CLOSURE_HEADER_LOW, -3(%edi)
	jne 2f
	mov %eax, %ebx
	mov $1, %eax
	call *1(%edi)
	.cfi_remember_state
	leave
	LEFT_CFI
	.cfi_restore %eip		/* at %esp: zrt_cont_underflow, where ret goes */
	ret
	.cfi_restore_state
2:	NOT_A_PROCEDURE
	.cfi_endproc
	.size zrt_call_cc, .-zrt_call_cc

/*
 * (%continuation-throw k v): resume K with V; never returns.  A handler
 * of a stack overflow may be leaving: the normal limit comes back.
 */
	.globl zrt_cont_throw
	.type zrt_cont_throw, @function
zrt_cont_throw:
	.cfi_startproc
	cmp $2, %eax
	jne glue_arity
	lea -3(%ebx), %esi
	test $7, %esi
	jne 1f
	cmpb $CONT_HEADER_LOW, -3(%ebx)
	jne 1f
	mov zrt_stack_low, %esi
	add $262144, %esi
	mov %esi, zrt_stack_limit
	cmp zrt_cont_current, %ebx
	je cont_resume_current
	jmp cont_resume
1:	mov $msg_not_continuation, %eax
	jmp glue_error
	.cfi_endproc
	.size zrt_cont_throw, .-zrt_cont_throw

/*
 * The boundary frame returned, with its value in %eax: resume the
 * continuation below it.
 *
 * Here and in the resumes below (entered from zrt_cont_throw too) the
 * stack is on its way to a continuation's: there is no caller frame to
 * describe, so this is a bottom of the stack for gdb, as zrt_start is.
 * The nop, zrt_cont_boundary, comes first because a boundary frame's
 * return address is zrt_cont_underflow itself, and gdb looks up a
 * return address's call-frame information (and its name) at the byte
 * before it.  (While the frame of zrt_call_cc is on the stack, its
 * call-frame information finds the caller's return address in the
 * continuation instead; this is for the frames a resume puts back.)
 */
	.type zrt_cont_boundary, @function
zrt_cont_boundary:
	.cfi_startproc
	.cfi_undefined %eip
	nop
	.size zrt_cont_boundary, .-zrt_cont_boundary
	.globl zrt_cont_underflow
	.type zrt_cont_underflow, @function
zrt_cont_underflow:
	mov zrt_cont_current, %ebx
	mov %eax, %ecx
	.size zrt_cont_underflow, .-zrt_cont_underflow
	/* fall through */

/*
 * Resume %ebx, the current continuation, with %ecx.  When its words are
 * still intact on the stack (continuations.c) and it is short enough to
 * be put back whole, nothing needs copying: this is zrt_cont_reinstate
 * without the call.  A fixnum word count is the byte count here.
 */
cont_resume_current:
	mov 9(%ebx), %esi		/* CONT_SP */
	cmp zrt_cont_intact, %esi
	jb cont_resume
	mov 13(%ebx), %edx		/* CONT_WORDS */
	cmp $CONT_WHOLE_FIXNUM, %edx
	ja cont_resume
	mov 17(%ebx), %eax		/* CONT_PARENT */
	mov %eax, zrt_cont_current
	add %esi, %edx
	mov %edx, zrt_cont_intact
	mov %esi, %esp
	mov 5(%ebx), %ebp		/* CONT_FRAME */
	mov %ecx, %eax
	jmp *1(%ebx)			/* CONT_RA */

/*
 * Resume continuation %ebx with value %ecx.  The C part runs below both
 * the current stack pointer and the stretch it puts back; it returns
 * the continuation's stack pointer with the frame, the resume address
 * and the value just below it.
 */
cont_resume:
	mov 9(%ebx), %esi		/* CONT_SP */
	cmp %esp, %esi
	jb 1f
	mov %esp, %esi
1:	sub $512, %esi
	and $-16, %esi
	mov %esi, %esp
	xor %ebp, %ebp
	sub $16, %esp
	mov %ebx, (%esp)
	mov %ecx, 4(%esp)
	call zrt_cont_reinstate
	mov -12(%eax), %ecx
	mov -8(%eax), %ebp
	mov -4(%eax), %edx
	mov %eax, %esp
	mov %ecx, %eax
	jmp *%edx
	.cfi_endproc

/*
 * (%apply f list): call F with the elements of LIST (a proper list, as
 * the library's apply has checked) as its arguments, as a tail call.
 */
	.globl zrt_apply
	.type zrt_apply, @function
zrt_apply:
	.cfi_startproc
	cmp $2, %eax
	jne glue_arity
	mov %ebx, %edi
	xor %eax, %eax
1:	cmp $NIL, %ecx
	je 2f
	cmp $MAX_ARGS, %eax
	jae 3f
	mov -1(%ecx), %edx
	mov %edx, zrt_args(,%eax,4)
	mov 3(%ecx), %ecx
	inc %eax
	jmp 1b
2:	mov zrt_args, %ebx
	mov zrt_args+4, %ecx
	mov zrt_args+8, %edx
	jmp *1(%edi)
3:	mov $msg_apply_too_many, %eax
	jmp glue_error
	.cfi_endproc
	.size zrt_apply, .-zrt_apply

	.section .note.GNU-stack, "", @progbits
