/*
 * test/runtime/harness.h - what the runtime's unit tests share.
 *
 * In:  nothing; each test program includes it.
 * Out: CHECK and the pass/fail count, heap set-up, a fake zrt_call that
 *      records a raised Zoot error and jumps back into the test
 *      (EXPECT_ERROR), and small helpers for strings.
 *
 * Why it exists: there is no Zoot compiler yet, so the tests play the
 * part of generated code: they build objects and frames by hand and
 * stand in for the Zoot error procedures the runtime calls.
 */
#ifndef ZOOT_TEST_HARNESS_H
#define ZOOT_TEST_HARNESS_H

#include <setjmp.h>
#include "zrt.h"

extern int h_passed, h_failed;

void h_check(int ok, const char *what, const char *file, int line);
#define CHECK(c) h_check(!!(c), #c, __FILE__, __LINE__)

/* Heap (MAX bytes per semispace, INITIAL first size) and symbols. */
void h_init(size_t initial, size_t max, int stress);
/* Prints "N passed, N failed"; the exit status for main. */
int h_finish(void);

/* The last error raised through the fake zrt_call. */
struct h_error {
	const char *proc;	/* "%type-error", "%range-error", ... */
	int argc;
	char text[3][256];	/* each argument rendered (strings raw) */
	zval args[3];
};
extern struct h_error h_error;
extern jmp_buf h_error_jmp;
extern int h_error_armed;

/* Run STMT, which must raise a Zoot error; the C roots pushed inside it
 * are dropped as the real escape would drop them. */
#define EXPECT_ERROR(stmt)                                                   \
	do {                                                                 \
		zint h_saved_top_ = zrt_roots_top;                           \
		h_error_armed = 1;                                           \
		if (setjmp(h_error_jmp) == 0) {                              \
			stmt;                                                \
			h_error_armed = 0;                                   \
			h_check(0, "raises an error: " #stmt, __FILE__, __LINE__); \
		} else {                                                     \
			zrt_roots_top = h_saved_top_;                        \
		}                                                            \
		h_error_armed = 0;                                           \
	} while (0)

zval h_str(const char *s);			/* a Zoot string */
int h_str_is(zval s, const char *expected);	/* same UTF-8? */
/* Put the output of fd 2 (or FD) into a temporary file and read it back. */
void h_capture_start(int fd);
const char *h_capture_end(void);

/* Read FD to its end into BUF (NUL-terminated); returns the length. */
size_t h_read_all(int fd, char *buf, size_t size);

/* Run BODY(ARG) in a child process whose standard error (and standard
 * output too, when BOTH) goes into BUF; the child exits 0 if BODY
 * returns.  Returns the child's exit status, 128 + the signal that
 * killed it, or -1 when no child could be made.  For what ends the
 * process: fatal errors, exhausted heaps, faults. */
int h_in_child(void (*body)(void *), void *arg, int both, char *buf, size_t size);

#endif
