/*
 * runtime/guest/terminal.c - a guest has no terminal.
 *
 * In:  a request for raw terminal input.
 * Out: zrt_host_tty_raw, always 0: the REPL keeps plain line input.
 *
 * Why it exists: runtime/terminal.c is portable; this is its platform
 * half in a guest kernel (runtime/host/terminal.c hosted).
 */
#include "../zrt.h"

int zrt_host_tty_raw(int fd, int on)
{
	(void)fd;
	(void)on;
	return 0;
}
