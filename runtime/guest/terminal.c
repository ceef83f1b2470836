/*
 * runtime/guest/terminal.c - the terminal scripts/boot was started on.
 *
 * In:  a request for raw terminal input on descriptor 0, or to end it
 *      (runtime/terminal.c, for the REPL's line editor).
 * Out: zrt_host_tty_raw: 1 when standard input is scripts/boot's
 *      terminal (ZOOT_GUEST_STDIN=tty) and the request went to
 *      scripts/boot, which then puts its terminal in the mode
 *      runtime/host/terminal.c sets hosted (each key as typed, no echo,
 *      Ctrl-C a key, output processing on) or back as it was; else 0,
 *      and the REPL keeps plain line input.
 *
 * Why it exists: runtime/terminal.c is portable; this is its platform
 * half in a guest kernel.  The guest has no termios of its own: the
 * terminal is the host's, so the request travels to scripts/boot
 * (console-in.c) and is not waited for: keys typed before scripts/boot
 * has switched are only echoed and held to the end of their line by the
 * host's line discipline, as they would be hosted.  scripts/boot puts
 * the terminal back at exit however the guest ends.
 */
#include "guest.h"

static int raw;

int zrt_host_tty_raw(int fd, int on)
{
	if (!on) {
		if (raw)
			zrt_console_in_control("cooked\n");
		raw = 0;
		return 1;
	}
	if (raw)
		return 1;
	if (fd != 0 || !zrt_host_isatty(0) || zrt_console_in_control("raw\n") != 0)
		return 0;
	raw = 1;
	return 1;
}
