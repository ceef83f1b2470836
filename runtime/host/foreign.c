/*
 * runtime/host/foreign.c - C symbols by name, at run time (libc's dlsym).
 *
 * In:  the name of a C function or object.
 * Out: zrt_host_foreign_symbol, its address in the process, or NULL.
 *
 * Why it exists: the interpreter has no link step, so `foreign-procedure`
 * finds a function there through the dynamic linker.  That finds what
 * the shared libraries of a dynamically linked executable export (libc,
 * libm when loaded): the x86-64 build.  A compiled program never gets
 * here for a literal name, whose address the linker fills in
 * (compiler/data.zt); the statically linked i386 and ARM builds find
 * nothing this way.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include "../zrt.h"

void *zrt_host_foreign_symbol(const char *name)
{
	return dlsym(RTLD_DEFAULT, name);
}
