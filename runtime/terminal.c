/*
 * runtime/terminal.c - a terminal's keys, one byte at a time.
 *
 * In:  requests of the REPL's line editor (language/lineedit.zt).
 * Out: %tty-raw (the terminal on a descriptor to byte-at-a-time input
 *      without echo, or back) and %read-byte (one byte, unbuffered).
 *
 * Why it exists: line editing needs each key as it is typed; the
 * buffered line reading of console.c waits for a newline.  The terminal
 * itself is the platform's (runtime/host/terminal.c: termios; a guest
 * has none).
 */
#include "zrt.h"

static int check_descriptor(const char *who, zval fd)
{
	if (!IS_FIXNUM(fd) || FIXNUM_VALUE(fd) < 0 || FIXNUM_VALUE(fd) > 2)
		zrt_type_error(who, "a descriptor (0, 1 or 2)", fd);
	return (int)FIXNUM_VALUE(fd);
}

/* (%tty-raw FD ON): #t when the terminal on FD was switched. */
zval zp_tty_raw(zval fd, zval on)
{
	return ZBOOL(zrt_host_tty_raw(check_descriptor("%tty-raw", fd), on != ZFALSE));
}

/* (%read-byte FD): the next byte as a fixnum, or the eof object. */
zval zp_read_byte(zval fd)
{
	unsigned char b;
	int d = check_descriptor("%read-byte", fd);

	zrt_host_flush_stdout();
	if (zrt_host_read_fd(d, &b, 1) != 1)
		return ZEOF;
	return MAKE_FIXNUM(b);
}
