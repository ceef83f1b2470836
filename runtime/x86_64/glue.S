/*
 * runtime/x86_64/glue.S - the few routines that must be assembly.
 *
 * In:  the calling convention of runtime/ABI.md (closure in %r10,
 *      argument count in %rax, arguments in %rdi %rsi %rdx %rcx and
 *      zrt_args[4...], heap pointer/limit in %r12/%r13, frames chained
 *      through %rbp with a slot-count marker at -8(%rbp)).
 * Out: zrt_start and zrt_call (C entering Zoot), zrt_alloc_slow (the
 *      slow path of inline allocation), zrt_stack_overflow (the prologue
 *      check failed), zrt_call_cc, zrt_cont_throw and
 *      zrt_cont_underflow (continuations: capture, resume, and the
 *      return into a captured stretch), zrt_apply (calling with a list
 *      of arguments).
 *
 * Everything else the generated code needs is C.  These routines move
 * the stack pointer or the frame chain in ways C cannot express.
 *
 * Every routine carries DWARF call-frame information (.cfi_ directives,
 * which as turns into .eh_frame), as the generated code does: where the
 * caller's frame (the CFA) and the return address are at each
 * instruction, so that gdb's bt and perf's call graphs walk through the
 * glue.  On entry (the CIE's rule) the CFA is %rsp + 8 and the return
 * address at CFA - 8; FRAME_CFI makes a frame as generated code does.
 */

#include "../glue.h"

	GLUE_MESSAGES

	.text

/* Call-frame information for push %rbp; mov %rsp, %rbp (FRAME_CFI does
 * both): the CFA is %rbp + 16, %rbp saved at CFA - 16. */
.macro FRAME_CFI
	push %rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	mov %rsp, %rbp
	.cfi_def_cfa_register %rbp
.endm

/* %r10 is not a procedure: (%call-error value), which raises.  Used in
 * a frame with %rsp aligned for a call, inside the routine that made
 * it, so the routine's call-frame information holds here too. */
.macro NOT_A_PROCEDURE
	mov %r10, %rdi
	mov zl__25call_2derror(%rip), %r10
	mov $1, %eax
	call *5(%r10)
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
	.cfi_undefined %rip		/* the bottom of the stack, for gdb and perf */
	mov %rdi, %rsp
	xor %ebp, %ebp
	mov %rsi, %rdi
	xor %esi, %esi
	xor %edx, %edx
	call zrt_call
	xor %edi, %edi
	call zp_exit
	ud2
	.cfi_endproc
	.size zrt_start, .-zrt_start

/*
 * zval zrt_call(zval closure, zint argc, zval *argv): C calls Zoot.
 * The entry frame it pushes has the marker -1 and keeps the runtime's
 * record of the Zoot frame that called into C, so the collector and the
 * backtrace walk skip the C frames in between.  C's callee-saved
 * registers are kept; %r12/%r13 become the heap registers.
 */
	.globl zrt_call
	.type zrt_call, @function
zrt_call:
	.cfi_startproc
	FRAME_CFI
	push $-1			/* -8:  entry-frame marker */
	push zrt_zoot_frame(%rip)	/* -16: saved innermost Zoot frame */
	push zrt_zoot_sp(%rip)		/* -24: saved stack pointer there */
	push %rbx
	.cfi_offset %rbx, -48
	push %r12
	.cfi_offset %r12, -56
	push %r13
	.cfi_offset %r13, -64
	push %r14
	.cfi_offset %r14, -72
	push %r15			/* %rsp = %rbp - 64: aligned */
	.cfi_offset %r15, -80
	mov zrt_heap_ptr(%rip), %r12
	mov zrt_heap_limit(%rip), %r13
	mov %rdi, %r10
	mov %rsi, %rax
	mov %rdx, %r11
	/* Arguments 4 and up go to zrt_args[i]. */
	mov $4, %r8
	lea zrt_args(%rip), %rbx
1:	cmp %rax, %r8
	jge 2f
	mov (%r11,%r8,8), %r9
	mov %r9, (%rbx,%r8,8)
	inc %r8
	jmp 1b
2:	cmp $1, %rax
	jl 3f
	mov (%r11), %rdi
	cmp $2, %rax
	jl 3f
	mov 8(%r11), %rsi
	cmp $3, %rax
	jl 3f
	mov 16(%r11), %rdx
	cmp $4, %rax
	jl 3f
	mov 24(%r11), %rcx
3:	lea -3(%r10), %r11
	test $7, %r11b
	jne 4f
	cmpb $CLOSURE_HEADER_LOW, -3(%r10)
	jne 4f
	call *5(%r10)
	mov %r12, zrt_heap_ptr(%rip)
	mov -16(%rbp), %r11
	mov %r11, zrt_zoot_frame(%rip)
	mov -24(%rbp), %r11
	mov %r11, zrt_zoot_sp(%rip)
	mov -32(%rbp), %rbx
	mov -40(%rbp), %r12
	mov -48(%rbp), %r13
	mov -56(%rbp), %r14
	mov -64(%rbp), %r15
	.cfi_remember_state
	leave
	.cfi_def_cfa %rsp, 8
	.cfi_same_value %rbp
	ret
	.cfi_restore_state
4:	NOT_A_PROCEDURE
	.cfi_endproc
	.size zrt_call, .-zrt_call

/*
 * The slow path of an inline allocation of %r11 bytes, which has
 * already bumped %r12 past the limit: undo the bump, let the collector
 * make room, return the address in %rax with %r12 past the new object.
 */
	.globl zrt_alloc_slow
	.type zrt_alloc_slow, @function
zrt_alloc_slow:
	.cfi_startproc
	sub %r11, %r12
	mov %r12, zrt_heap_ptr(%rip)
	mov %rbp, zrt_zoot_frame(%rip)
	lea 8(%rsp), %rax
	mov %rax, zrt_zoot_sp(%rip)
	mov %r11, %rdi
	shr $3, %rdi
	sub $8, %rsp
	.cfi_adjust_cfa_offset 8
	call zrt_gc_alloc
	add $8, %rsp
	.cfi_adjust_cfa_offset -8
	mov zrt_heap_ptr(%rip), %r12
	mov zrt_heap_limit(%rip), %r13
	ret
	.cfi_endproc
	.size zrt_alloc_slow, .-zrt_alloc_slow

/*
 * A prologue found %rsp below zrt_stack_limit.  Lower the limit into
 * the reserve so the error can be handled and reported, then raise the
 * error (zrt_cont_throw puts the limit back when a handler escapes).
 */
	.globl zrt_stack_overflow
	.type zrt_stack_overflow, @function
zrt_stack_overflow:
	.cfi_startproc
	mov zrt_stack_low(%rip), %r11
	add $16384, %r11
	mov %r11, zrt_stack_limit(%rip)
	sub $8, %rsp
	.cfi_adjust_cfa_offset 8
	mov %r12, zrt_heap_ptr(%rip)
	mov %rbp, zrt_zoot_frame(%rip)
	lea 16(%rsp), %rax
	mov %rax, zrt_zoot_sp(%rip)
	lea msg_stack_overflow(%rip), %rdi
	call zrt_simple_error
	ud2
	.cfi_endproc
	.size zrt_stack_overflow, .-zrt_stack_overflow

/* Report a runtime error with the C string in %rdi from a glue routine
 * entered by a Zoot call, by a jump before it moved %rsp: make a frame
 * without slots first. */
	.type glue_error, @function
glue_error:
	.cfi_startproc
	FRAME_CFI
	push $0
	push $0
	mov %r12, zrt_heap_ptr(%rip)
	mov %rbp, zrt_zoot_frame(%rip)
	mov %rsp, zrt_zoot_sp(%rip)
	call zrt_simple_error
	ud2
	.cfi_endproc
	.size glue_error, .-glue_error

	.type glue_arity, @function
glue_arity:
	.cfi_startproc
	lea msg_glue_arity(%rip), %rdi
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
 * Frame: marker 2, slot 0 = f, slot 1 = k, then a padding word.
 */
	.globl zrt_call_cc
	.type zrt_call_cc, @function
zrt_call_cc:
	.cfi_startproc
	cmp $1, %eax
	jne glue_arity
	FRAME_CFI
	sub $32, %rsp
	movq $8, -8(%rbp)
	mov %rdi, -16(%rbp)
	movq $0, -24(%rbp)
	movq $0, -32(%rbp)
	mov %r12, zrt_heap_ptr(%rip)
	mov %rbp, zrt_zoot_frame(%rip)
	mov %rsp, zrt_zoot_sp(%rip)
	mov %rbp, %rdi
	call zrt_cont_capture
	mov zrt_heap_ptr(%rip), %r12
	mov zrt_heap_limit(%rip), %r13
	mov %rax, -24(%rbp)
	/* The return address is zrt_cont_underflow's now; the caller's is
	 * CONT_RA of k, in slot 1: DW_CFA_expression: the return address
	 * is at k + 5, k at -24(%rbp) (DW_OP_breg6 -24, DW_OP_deref,
	 * DW_OP_plus_uconst 5). */
	.cfi_escape 0x10, 16, 5, 0x76, 0x68, 0x06, 0x23, 0x05
	mov -16(%rbp), %r10
	lea -3(%r10), %r11
	test $7, %r11b
	jne 2f
	cmpb $CLOSURE_HEADER_LOW, -3(%r10)
	jne 2f
	mov %rax, %rdi
	mov $1, %eax
	call *5(%r10)
	.cfi_remember_state
	leave
	.cfi_def_cfa %rsp, 8
	.cfi_restore %rbp
	.cfi_restore %rip		/* at %rsp: zrt_cont_underflow, where ret goes */
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
	lea -3(%rdi), %r11
	test $7, %r11b
	jne 1f
	cmpb $CONT_HEADER_LOW, -3(%rdi)
	jne 1f
	mov zrt_stack_low(%rip), %r11
	add $262144, %r11
	mov %r11, zrt_stack_limit(%rip)
	cmp zrt_cont_current(%rip), %rdi
	je cont_resume_current
	jmp cont_resume
1:	lea msg_not_continuation(%rip), %rdi
	jmp glue_error
	.cfi_endproc
	.size zrt_cont_throw, .-zrt_cont_throw

/*
 * The boundary frame returned, with its value in %rax: resume the
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
	.cfi_undefined %rip
	nop
	.size zrt_cont_boundary, .-zrt_cont_boundary
	.globl zrt_cont_underflow
	.type zrt_cont_underflow, @function
zrt_cont_underflow:
	mov zrt_cont_current(%rip), %rdi
	mov %rax, %rsi
	.size zrt_cont_underflow, .-zrt_cont_underflow
	/* fall through */

/*
 * Resume %rdi, the current continuation, with %rsi.  When its words are
 * still intact on the stack (continuations.c) and it is short enough to
 * be put back whole, nothing needs copying: this is zrt_cont_reinstate
 * without the call.
 */
cont_resume_current:
	mov 21(%rdi), %r11		/* CONT_SP */
	cmp zrt_cont_intact(%rip), %r11
	jb cont_resume
	mov 29(%rdi), %rdx		/* CONT_WORDS */
	cmp $CONT_WHOLE_FIXNUM, %rdx
	ja cont_resume
	mov 37(%rdi), %rcx		/* CONT_PARENT */
	mov %rcx, zrt_cont_current(%rip)
	lea (%r11,%rdx,2), %rdx
	mov %rdx, zrt_cont_intact(%rip)
	mov %r11, %rsp
	mov 13(%rdi), %rbp		/* CONT_FRAME */
	mov %rsi, %rax
	jmp *5(%rdi)			/* CONT_RA */

/*
 * Resume continuation %rdi with value %rsi.  The C part runs below both
 * the current stack pointer and the stretch it puts back; it returns
 * the continuation's stack pointer with the frame, the resume address
 * and the value just below it.
 */
cont_resume:
	mov 21(%rdi), %r11		/* CONT_SP */
	cmp %rsp, %r11
	jb 1f
	mov %rsp, %r11
1:	sub $512, %r11
	and $-16, %r11
	mov %r11, %rsp
	xor %ebp, %ebp
	mov %r12, zrt_heap_ptr(%rip)
	call zrt_cont_reinstate
	mov %rax, %r11
	mov -24(%r11), %rax
	mov -16(%r11), %rbp
	mov -8(%r11), %rcx
	mov %r11, %rsp
	mov zrt_heap_ptr(%rip), %r12
	mov zrt_heap_limit(%rip), %r13
	jmp *%rcx
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
	mov %rdi, %r10
	xor %eax, %eax
	lea zrt_args(%rip), %r11
1:	cmp $NIL, %rsi
	je 2f
	cmp $MAX_ARGS, %rax
	jae 3f
	mov -1(%rsi), %rdx
	mov %rdx, (%r11,%rax,8)
	mov 7(%rsi), %rsi
	inc %rax
	jmp 1b
2:	mov zrt_args(%rip), %rdi
	mov zrt_args+8(%rip), %rsi
	mov zrt_args+16(%rip), %rdx
	mov zrt_args+24(%rip), %rcx
	jmp *5(%r10)
3:	lea msg_apply_too_many(%rip), %rdi
	jmp glue_error
	.cfi_endproc
	.size zrt_apply, .-zrt_apply

	.section .note.GNU-stack, "", @progbits
