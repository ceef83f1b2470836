/*
 * runtime/guest/include/stdio.h - the <stdio.h> of a guest kernel.
 *
 * In:  nothing.
 * Out: snprintf and vsnprintf (runtime/guest/libc.c), which format
 *      integers and strings only: the runtime prints no floating point.
 *
 * Why it exists: see runtime/guest/include/string.h.  There are no FILE
 * streams in a guest; output goes through zrt_host_write.
 */
#ifndef ZOOT_GUEST_STDIO_H
#define ZOOT_GUEST_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int snprintf(char *buf, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *format, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
