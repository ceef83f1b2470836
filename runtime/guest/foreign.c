/*
 * runtime/guest/foreign.c - C symbols by name in a guest: there are none.
 *
 * In:  the name of a C function.
 * Out: zrt_host_foreign_symbol, always NULL.
 *
 * Why it exists: a guest kernel has no dynamic linker, so only the
 * foreign procedures whose names the compiler saw (resolved at link
 * time, compiler/data.zt) exist there; looking one up at run time is
 * the error runtime/ffi.c reports.
 */
#include "../zrt.h"

void *zrt_host_foreign_symbol(const char *name)
{
	(void)name;
	return NULL;
}
