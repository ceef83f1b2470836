/*
 * runtime/arm/glue.S - the few routines that must be assembly (ARMv5TE).
 *
 * In:  the calling convention of runtime/ABI.md, section ARM: closure
 *      in r5, argument count in r4, arguments in r0-r3 and
 *      zrt_args[4...], heap pointer/limit in r10/r9, frames chained
 *      through fp with a slot-count marker at [fp, #-4] and, at [sp],
 *      the word that holds a C call's return address.
 * Out: zrt_start and zrt_call (C entering Zoot), zrt_ccall (Zoot
 *      calling C), zrt_alloc_slow (the slow path of inline allocation),
 *      zrt_stack_overflow (the prologue check failed), zrt_call_cc,
 *      zrt_cont_throw and zrt_cont_underflow (continuations: capture,
 *      resume, and the return into a captured stretch), zrt_apply
 *      (calling with a list of arguments).
 *
 * Everything else the generated code needs is C.  These routines move
 * the stack pointer or the frame chain in ways C cannot express.  The
 * runtime walks frames as words: f[0] the caller's fp, f[1] the return
 * address, f[-1] the marker; a call into C records fp in zrt_zoot_frame
 * and sp + 4 in zrt_zoot_sp, with the return address in the word at sp,
 * so that zrt_zoot_sp[-1] is the pc of the innermost frame as on x86.
 * ARM state, gas's default syntax, EABI; no instruction newer than v5TE.
 *
 * Every routine carries DWARF call-frame information (.cfi_ directives),
 * as the generated code does: where the caller's frame (the CFA) and the
 * return address are at each instruction, so that gdb's bt from a
 * breakpoint in the runtime's C walks through the glue into the Zoot
 * frames and stops at zrt_start.  as turns them into .eh_frame, which
 * gdb reads before the EHABI tables (.ARM.exidx, from .fnstart/.save),
 * and those would say nothing more: nothing unwinds these routines for
 * C++ exceptions.  On entry (the CIE's rule) the CFA is sp and the
 * return address in lr; a routine that stores lr in the word at sp (the
 * caller's frame's lowest word, ABI.md) says so; a frame is made as
 * generated code makes it (FRAME_CFI).
 */

#include "../glue.h"

	.arm

	GLUE_MESSAGES

	.text
	.balign 4

/* Call-frame information for push {fp, lr}; mov fp, sp (FRAME_CFI does
 * both): the CFA is fp + 8, lr saved at CFA - 4 and fp at CFA - 8. */
.macro FRAME_CFI
	push {fp, lr}
	.cfi_def_cfa_offset 8
	.cfi_offset lr, -4
	.cfi_offset fp, -8
	mov fp, sp
	.cfi_def_cfa_register fp
.endm

/* r5 is not a procedure: (%call-error value), which raises.  Used in a
 * frame whose lowest word is free for a C call, inside the routine that
 * made it, so the routine's call-frame information holds here too. */
.macro NOT_A_PROCEDURE
	mov r0, r5
	ldr r5, =zl__25call_2derror
	ldr r5, [r5]
	mov r4, #1
	ldr ip, [r5, #1]
	blx ip
	udf #0
.endm

/*
 * void zrt_start(zval *stack_top, zval closure): switch to the Zoot
 * stack and run the program's entry closure.  The entry ends by calling
 * exit; if it ever returns, exit with status 0.
 */
	.globl zrt_start
	.type zrt_start, %function
zrt_start:
	.cfi_startproc
	.cfi_undefined lr		/* the bottom of the stack, for gdb and perf */
	mov sp, r0
	mov fp, #0
	mov r0, r1
	mov r1, #0
	mov r2, #0
	bl zrt_call
	mov r0, #0
	bl zp_exit
	udf #0
	.cfi_endproc
	.size zrt_start, .-zrt_start

/*
 * zval zrt_call(zval closure, zint argc, zval *argv): C calls Zoot.
 * The entry frame has the marker -1 at [fp, #-4] and keeps the
 * runtime's record of the Zoot frame that called into C at [fp, #-8]
 * (zrt_zoot_frame) and [fp, #-12] (zrt_zoot_sp), so the collector and
 * the backtrace walk skip the C frames in between.  C's callee-saved
 * r4-r10 are kept below them; r9/r10 become the heap registers.
 *
 * Frame: fp-4 marker, fp-8 frame, fp-12 sp, fp-40..fp-16 r4-r10,
 * fp-44 padding, fp-48 = sp: the return-address word.
 */
	.globl zrt_call
	.type zrt_call, %function
zrt_call:
	.cfi_startproc
	FRAME_CFI
	sub sp, sp, #48
	sub ip, fp, #12
	stmdb ip, {r4, r5, r6, r7, r8, r9, r10}
	.cfi_offset r4, -48		/* fp - 40 */
	.cfi_offset r5, -44
	.cfi_offset r6, -40
	.cfi_offset r7, -36
	.cfi_offset r8, -32
	.cfi_offset r9, -28
	.cfi_offset r10, -24
	mvn ip, #0
	str ip, [fp, #-4]
	ldr ip, =zrt_zoot_frame
	ldr ip, [ip]
	str ip, [fp, #-8]
	ldr ip, =zrt_zoot_sp
	ldr ip, [ip]
	str ip, [fp, #-12]
	ldr ip, =zrt_heap_ptr
	ldr r10, [ip]
	ldr ip, =zrt_heap_limit
	ldr r9, [ip]
	mov r5, r0
	mov r4, r1
	mov r6, r2
	/* Arguments 4 and up go to zrt_args[i]. */
	ldr r7, =zrt_args
	mov r8, #4
1:	cmp r8, r4
	bge 2f
	ldr ip, [r6, r8, lsl #2]
	str ip, [r7, r8, lsl #2]
	add r8, r8, #1
	b 1b
	/* The first four, only as many as there are. */
2:	cmp r4, #4
	ldrge r3, [r6, #12]
	cmp r4, #3
	ldrge r2, [r6, #8]
	cmp r4, #2
	ldrge r1, [r6, #4]
	cmp r4, #1
	ldrge r0, [r6]
	and ip, r5, #7
	cmp ip, #3
	ldreqb ip, [r5, #-3]
	cmpeq ip, #CLOSURE_HEADER_LOW
	bne 4f
	ldr ip, [r5, #1]
	blx ip
	ldr ip, =zrt_heap_ptr
	str r10, [ip]
	ldr r1, [fp, #-8]
	ldr ip, =zrt_zoot_frame
	str r1, [ip]
	ldr r1, [fp, #-12]
	ldr ip, =zrt_zoot_sp
	str r1, [ip]
	sub ip, fp, #12
	ldmdb ip, {r4, r5, r6, r7, r8, r9, r10}
	.cfi_remember_state
	.cfi_restore r4
	.cfi_restore r5
	.cfi_restore r6
	.cfi_restore r7
	.cfi_restore r8
	.cfi_restore r9
	.cfi_restore r10
	mov sp, fp
	pop {fp, pc}
	.cfi_restore_state
4:	NOT_A_PROCEDURE
	.ltorg
	.cfi_endproc
	.size zrt_call, .-zrt_call

/*
 * Zoot calls the C function in ip with r0-r3 and a fifth argument in r4
 * (AAPCS: on the stack).  The caller's frame is recorded for the
 * collector and backtraces, the heap pointer published, and both heap
 * registers reloaded afterwards.  r10 is free to use once stored.
 */
	.globl zrt_ccall
	.type zrt_ccall, %function
zrt_ccall:
	.cfi_startproc
	str lr, [sp]
	.cfi_offset lr, 0
	ldr lr, =zrt_heap_ptr
	str r10, [lr]
	ldr lr, =zrt_zoot_frame
	str fp, [lr]
	ldr lr, =zrt_zoot_sp
	add r10, sp, #4
	str r10, [lr]
	sub sp, sp, #8
	.cfi_adjust_cfa_offset 8
	str r4, [sp]
	blx ip
	add sp, sp, #8
	.cfi_adjust_cfa_offset -8
	ldr ip, =zrt_heap_ptr
	ldr r10, [ip]
	ldr ip, =zrt_heap_limit
	ldr r9, [ip]
	ldr pc, [sp]
	.cfi_endproc
	.size zrt_ccall, .-zrt_ccall

/*
 * The slow path of an inline allocation: r0 is the old heap pointer,
 * r10 already bumped past the limit by the size.  Undo the bump, let the
 * collector make room, return the address in r0 with r10 past the new
 * object.  Entered by bl from a Zoot frame; r1-r3, ip and lr are lost.
 */
	.globl zrt_alloc_slow
	.type zrt_alloc_slow, %function
zrt_alloc_slow:
	.cfi_startproc
	str lr, [sp]
	.cfi_offset lr, 0
	sub r1, r10, r0
	mov r10, r0
	ldr ip, =zrt_heap_ptr
	str r10, [ip]
	ldr ip, =zrt_zoot_frame
	str fp, [ip]
	ldr ip, =zrt_zoot_sp
	add r2, sp, #4
	str r2, [ip]
	mov r0, r1, lsr #2
	bl zrt_gc_alloc
	ldr ip, =zrt_heap_ptr
	ldr r10, [ip]
	ldr ip, =zrt_heap_limit
	ldr r9, [ip]
	ldr pc, [sp]
	.cfi_endproc
	.size zrt_alloc_slow, .-zrt_alloc_slow

/*
 * A prologue found sp below zrt_stack_limit.  Lower the limit into the
 * reserve so the error can be handled and reported, then raise the
 * error (zrt_cont_throw puts the limit back when a handler escapes).
 */
	.globl zrt_stack_overflow
	.type zrt_stack_overflow, %function
zrt_stack_overflow:
	.cfi_startproc
	ldr ip, =zrt_stack_low
	ldr ip, [ip]
	add ip, ip, #16384
	ldr r0, =zrt_stack_limit
	str ip, [r0]
	str lr, [sp]
	.cfi_offset lr, 0
	ldr ip, =zrt_heap_ptr
	str r10, [ip]
	ldr ip, =zrt_zoot_frame
	str fp, [ip]
	ldr ip, =zrt_zoot_sp
	add r1, sp, #4
	str r1, [ip]
	ldr r0, =msg_stack_overflow
	bl zrt_simple_error
	udf #0
	.cfi_endproc
	.size zrt_stack_overflow, .-zrt_stack_overflow

/* Report a runtime error with the C string in r0 from a glue routine
 * entered by a Zoot call, by a branch before it moved sp or lr: make a
 * frame without slots first. */
	.type glue_error, %function
glue_error:
	.cfi_startproc
	FRAME_CFI
	sub sp, sp, #8
	mov ip, #0
	str ip, [fp, #-4]
	str ip, [sp]
	ldr ip, =zrt_heap_ptr
	str r10, [ip]
	ldr ip, =zrt_zoot_frame
	str fp, [ip]
	ldr ip, =zrt_zoot_sp
	add r1, sp, #4
	str r1, [ip]
	bl zrt_simple_error
	udf #0
	.cfi_endproc
	.size glue_error, .-glue_error

	.type glue_arity, %function
glue_arity:
	.cfi_startproc
	ldr r0, =msg_glue_arity
	b glue_error
	.ltorg
	.cfi_endproc
	.size glue_arity, .-glue_arity

/*
 * The error stubs of generated code end here.  A stub loads the
 * messages, calls one of these with bl, and the routine jumps to the
 * Zoot procedure that raises the error (closure in r5, count in r4),
 * leaving lr alone: the procedure's frame then returns, as far as the
 * backtrace can tell, into the stub, whose address is its call site.
 * sp and lr are the stub's all the way, so the CIE's rules (the CFA is
 * sp, the return address in lr) hold throughout: the call-frame
 * information of each is only its start and end.
 */
/* A stub NAME that calls the procedure in the global cell CELL with
 * ARGC arguments: err_begin, the moves that put the arguments in r0-r3,
 * err_end; err_stub when they are in place already. */
.macro err_begin name
	.globl \name
	.type \name, %function
\name:
	.cfi_startproc
.endm

.macro err_end name, cell, argc
	ldr r5, =\cell
	mov r4, #\argc
	b err_call
	.cfi_endproc
	.size \name, .-\name
.endm

.macro err_stub name, cell, argc
	err_begin \name
	err_end \name, \cell, \argc
.endm

	/* r0 who, r1 expected, r2 the value */
	err_stub zrt_err_type, zl__25type_2derror, 3

	err_begin zrt_err_range		/* r3 who, r1 the index, r0 the object */
	mov r2, r0
	mov r0, r3
	err_end zrt_err_range, zl__25range_2derror, 3

	/* r0 the message */
	err_stub zrt_err_simple, zl__25simple_2derror, 1

	err_begin zrt_err_call		/* r5 the value that was called */
	mov r0, r5
	err_end zrt_err_call, zl__25call_2derror, 1

/* A record access that is not the fast case: the C versions check
 * everything and raise the error.  r0-r3 hold x, type, i and who (ref)
 * or x, type, i, v with who in zrt_args[4] (set). */
	err_stub zrt_err_record_ref, zl__25c_2dchecked_2drecord_2dref, 4
	err_stub zrt_err_record_set, zl__25c_2dchecked_2drecord_2dset_21, 5

/* r5 is a global cell holding a procedure: tail-call it. */
	.type err_call, %function
err_call:
	.cfi_startproc
	ldr r5, [r5]
	ldr pc, [r5, #1]
	.cfi_endproc
	.size err_call, .-err_call

/*
 * A procedure was called with the wrong number of arguments (r4), its
 * name and the count it expects in r0 and r1; lr is its caller's return
 * address.  Make a frame of no slots and call (%arity-error name
 * expected got).
 */
	.globl zrt_err_arity
	.type zrt_err_arity, %function
zrt_err_arity:
	.cfi_startproc
	FRAME_CFI
	sub sp, sp, #8
	mov ip, #0
	str ip, [fp, #-4]
	str ip, [sp]
	mov r2, r4, lsl #2
	ldr r5, =zl__25arity_2derror
	ldr r5, [r5]
	mov r4, #3
	ldr ip, [r5, #1]
	blx ip
	udf #0
	.ltorg
	.cfi_endproc
	.size zrt_err_arity, .-zrt_err_arity

/*
 * (%call/cc f): call F with a continuation object K for the return
 * from here (runtime/continuations.c, ABI.md "Continuations").  The
 * capture makes this frame the boundary frame: its return address
 * becomes zrt_cont_underflow, so a normal return from F goes through
 * the continuation just made, like a call of it.
 *
 * Frame: marker 2 at fp-4, slot 0 = f at fp-8, slot 1 = k at fp-12,
 * the return-address word at fp-16 = sp.
 */
	.globl zrt_call_cc
	.type zrt_call_cc, %function
zrt_call_cc:
	.cfi_startproc
	cmp r4, #1
	bne glue_arity
	FRAME_CFI
	sub sp, sp, #16
	mov ip, #8
	str ip, [fp, #-4]
	str r0, [fp, #-8]
	mov ip, #0
	str ip, [fp, #-12]
	str ip, [sp]
	ldr ip, =zrt_heap_ptr
	str r10, [ip]
	ldr ip, =zrt_zoot_frame
	str fp, [ip]
	ldr ip, =zrt_zoot_sp
	add r1, sp, #4
	str r1, [ip]
	mov r0, fp
	bl zrt_cont_capture
	ldr ip, =zrt_heap_ptr
	ldr r10, [ip]
	ldr ip, =zrt_heap_limit
	ldr r9, [ip]
	str r0, [fp, #-12]
	/* The return address is zrt_cont_underflow's now; the caller's is
	 * CONT_RA of k, in slot 1: DW_CFA_expression: the return address
	 * is at k + 1, k at [fp, #-12] (DW_OP_breg fp -12, DW_OP_deref,
	 * DW_OP_plus_uconst 1). */
	.cfi_escape 0x10, 14, 5, 0x7b, 0x74, 0x06, 0x23, 0x01
	ldr r5, [fp, #-8]
	and ip, r5, #7
	cmp ip, #3
	ldreqb ip, [r5, #-3]
	cmpeq ip, #CLOSURE_HEADER_LOW
	bne 2f
	mov r4, #1
	ldr ip, [r5, #1]
	blx ip
	.cfi_remember_state
	mov sp, fp
	pop {fp, pc}
	.cfi_restore_state
2:	NOT_A_PROCEDURE
	.ltorg
	.cfi_endproc
	.size zrt_call_cc, .-zrt_call_cc

/*
 * (%continuation-throw k v): resume K with V; never returns.  A handler
 * of a stack overflow may be leaving: the normal limit comes back.
 */
	.globl zrt_cont_throw
	.type zrt_cont_throw, %function
zrt_cont_throw:
	.cfi_startproc
	cmp r4, #2
	bne glue_arity
	and ip, r0, #7
	cmp ip, #3
	ldreqb ip, [r0, #-3]
	cmpeq ip, #CONT_HEADER_LOW
	bne 1f
	ldr r2, =zrt_stack_low
	ldr r2, [r2]
	add r2, r2, #262144
	ldr r3, =zrt_stack_limit
	str r2, [r3]
	ldr r2, =zrt_cont_current
	ldr r2, [r2]
	cmp r2, r0
	beq cont_resume_current
	b cont_resume
1:	ldr r0, =msg_not_continuation
	b glue_error
	.ltorg
	.cfi_endproc
	.size zrt_cont_throw, .-zrt_cont_throw

/*
 * The boundary frame returned, with its value in r0: resume the
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
	.type zrt_cont_boundary, %function
zrt_cont_boundary:
	.cfi_startproc
	.cfi_undefined lr
	nop
	.size zrt_cont_boundary, .-zrt_cont_boundary
	.globl zrt_cont_underflow
	.type zrt_cont_underflow, %function
zrt_cont_underflow:
	mov r1, r0
	ldr r0, =zrt_cont_current
	ldr r0, [r0]
	.size zrt_cont_underflow, .-zrt_cont_underflow
	/* fall through */

/*
 * Resume r0, the current continuation, with r1.  When its words are
 * still intact on the stack (continuations.c) and it is short enough to
 * be put back whole, nothing needs copying: this is zrt_cont_reinstate
 * without the call.  A fixnum word count is the byte count here.
 */
cont_resume_current:
	ldr r2, [r0, #9]		/* CONT_SP */
	ldr r3, =zrt_cont_intact
	ldr ip, [r3]
	cmp r2, ip
	blo cont_resume
	ldr ip, [r0, #13]		/* CONT_WORDS */
	cmp ip, #CONT_WHOLE_FIXNUM
	bhi cont_resume
	add ip, r2, ip
	str ip, [r3]
	ldr ip, [r0, #17]		/* CONT_PARENT */
	ldr r3, =zrt_cont_current
	str ip, [r3]
	mov sp, r2
	ldr fp, [r0, #5]		/* CONT_FRAME */
	ldr ip, [r0, #1]		/* CONT_RA */
	mov r0, r1
	bx ip

/*
 * Resume continuation r0 with value r1.  The C part runs below both
 * the stack pointer and the stretch it puts back; it returns the
 * continuation's stack pointer with the frame, the resume address and
 * the value just below it.
 */
cont_resume:
	ldr r2, [r0, #9]		/* CONT_SP */
	cmp r2, sp
	movhi r2, sp
	sub r2, r2, #512
	bic r2, r2, #7
	mov sp, r2
	mov fp, #0
	ldr ip, =zrt_heap_ptr
	str r10, [ip]
	bl zrt_cont_reinstate
	ldr r1, [r0, #-12]
	ldr fp, [r0, #-8]
	ldr r2, [r0, #-4]
	mov sp, r0
	mov r0, r1
	ldr ip, =zrt_heap_ptr
	ldr r10, [ip]
	ldr ip, =zrt_heap_limit
	ldr r9, [ip]
	bx r2
	.ltorg
	.cfi_endproc

/*
 * (%apply f list): call F with the elements of LIST (a proper list, as
 * the library's apply has checked) as its arguments, as a tail call:
 * lr still holds the caller's return address.
 */
	.globl zrt_apply
	.type zrt_apply, %function
zrt_apply:
	.cfi_startproc
	cmp r4, #2
	bne glue_arity
	mov r5, r0
	mov r4, #0
	ldr ip, =zrt_args
1:	cmp r1, #NIL
	beq 2f
	cmp r4, #MAX_ARGS
	bhs 3f
	ldr r2, [r1, #-1]
	str r2, [ip, r4, lsl #2]
	ldr r1, [r1, #3]
	add r4, r4, #1
	b 1b
2:	ldmia ip, {r0, r1, r2, r3}
	ldr pc, [r5, #1]
3:	ldr r0, =msg_apply_too_many
	b glue_error
	.ltorg
	.cfi_endproc
	.size zrt_apply, .-zrt_apply

	.section .note.GNU-stack, "", %progbits
