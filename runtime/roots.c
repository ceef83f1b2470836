/*
 * runtime/roots.c - the explicit root stack for C code.
 *
 * In:  addresses of C variables holding values (ZROOT in zrt.h).
 * Out: zrt_roots[0..zrt_roots_top), which the collector updates in place.
 *
 * Why it exists: C compilers keep values wherever they like, so C code
 * that allocates must tell the collector where its live values are; a
 * moving collector then rewrites those variables to the new addresses.
 */
#include "zrt.h"

zval *zrt_roots[ZRT_ROOTS_MAX];
zint zrt_roots_top;

/* zrt_root_push (inline, zrt.h) ends here when the stack is full; kept
 * out of line because it never returns and zrt.h declares zrt_fatal
 * only further down. */
void zrt_root_overflow(void)
{
	zrt_fatal("internal error: too many C roots");
}
