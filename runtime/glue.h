/*
 * runtime/glue.h - what every target's glue.S shares.
 *
 * In:  nothing (included by runtime/<arch>/glue.S, which the C
 *      preprocessor runs over before the assembler sees it).
 * Out: the words of the immediates the glue compares against (the
 *      values of object.h, which is C and cannot be included here), the
 *      bound on apply's argument count, and GLUE_MESSAGES, the C strings
 *      of the errors the glue raises, for its .rodata.
 *
 * Why it exists: the routines differ per machine, but what they report
 * and the value representation they test must not.
 */
#ifndef ZOOT_GLUE_H
#define ZOOT_GLUE_H

#define FALSE 10
#define TRUE 266
#define NIL 18
#define UNSPEC 26
#define CLOSURE_HEADER_LOW 30		/* (3 << 3) | 6 */
#define MAX_ARGS 1048576		/* ZRT_MAX_ARGS in zrt.h */
#define CONT_HEADER_LOW 118		/* (14 << 3) | 6: OBJ_CONTINUATION */
/* A continuation of at most this many words (a fixnum, 2 * CHUNK_WORDS
 * of runtime/continuations.c) is put back whole. */
#define CONT_WHOLE_FIXNUM 8192

/* One line after preprocessing: ';' separates statements on x86 and ARM. */
#define GLUE_MESSAGES \
	.section .rodata; \
msg_stack_overflow: .asciz "stack overflow (recursion too deep)"; \
msg_not_continuation: .asciz "%continuation-throw: not a continuation"; \
msg_apply_too_many: .asciz "apply: too many arguments"; \
msg_glue_arity: .asciz "wrong number of arguments to a runtime routine"

#endif
