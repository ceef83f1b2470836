/*
 * runtime/files.c - whole-file primitives, the same on every platform.
 *
 * In:  paths and contents as Zoot values.
 * Out: %read-file (the file's text, or #f), %read-file-bytes (a
 *      bytevector, or #f), %write-file and %write-file-bytes (#t/#f).
 *
 * Why it exists: the host (runtime/host/files.c, libc) and the guest
 * (runtime/guest/files.c, its disks) store files differently, but
 * turning bytes into strings and bytevectors is the same for both.  So
 * each platform provides only the two byte-level operations declared in
 * zrt.h, zrt_platform_file_bytes and zrt_platform_write_file, and the
 * conversions live here once.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

zval zp_read_file(zval path)
{
	size_t n = 0;
	char *text = zrt_platform_file_bytes(path, &n);
	zval s;

	if (!text)
		return ZFALSE;
	s = zrt_string_from_utf8(text, n);
	free(text);
	return s;
}

/* (%read-file-bytes PATH): the file as a bytevector, or #f. */
zval zp_read_file_bytes(zval path)
{
	size_t n = 0;
	char *bytes = zrt_platform_file_bytes(path, &n);
	zval bv;

	if (!bytes)
		return ZFALSE;
	bv = zrt_make_bytevector(n, 0);
	memcpy(BYTEVECTOR_BYTES(bv), bytes, n);
	free(bytes);
	return bv;
}

/* (%write-file PATH TEXT): TEXT a string or a list of strings. */
zval zp_write_file(zval path, zval contents)
{
	size_t n = 0;
	char *text = zrt_text_to_utf8(contents, &n);

	return ZBOOL(zrt_platform_write_file(path, text, n));
}

/* (%write-file-bytes PATH BYTES): BYTES a bytevector or a list of them. */
zval zp_write_file_bytes(zval path, zval bytes)
{
	size_t n = 0;
	char *data = zrt_bytevectors_join(bytes, &n);

	return ZBOOL(zrt_platform_write_file(path, data, n));
}
