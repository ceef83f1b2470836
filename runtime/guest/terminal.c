/*
 * runtime/guest/terminal.c - the terminal scripts/boot was started on.
 *
 * In:  a request for raw terminal input on descriptor 0, or to end it
 *      (runtime/terminal.c, for the REPL's line editor); reads of
 *      descriptor 0 about to wait for input (console.c).
 * Out: zrt_host_tty_raw: 1 when standard input is scripts/boot's
 *      terminal (ZOOT_GUEST_STDIN=tty) and it can be asked for a mode,
 *      else 0, and the REPL keeps plain line input.  The requests go to
 *      scripts/boot (console-in.c), which puts its terminal in the mode
 *      runtime/host/terminal.c sets hosted (each key as typed, no echo,
 *      Ctrl-C a key, output processing on), or back as it was.
 *
 * Why it exists: runtime/terminal.c is portable; this is its platform
 * half in a guest kernel.  The guest has no termios of its own: the
 * terminal is the host's, and a request takes effect a little later,
 * not waited for.  So raw mode is asked for only when a read of
 * descriptor 0 is about to take bytes (zrt_tty_before_read), not when
 * the REPL merely checks that it can have it (main.zt turns it on and
 * off again at once: sent, that would leave the terminal cooked for a
 * moment after the editor's prompt).  Leaving it is asked for at once,
 * so that while an expression runs Ctrl-C stops the guest and keys
 * echo, as hosted.  Keys typed before a switch has happened are taken
 * in the old mode, as hosted when typed ahead.  scripts/boot puts the
 * terminal back at exit however the guest ends.
 */
#include "guest.h"

static int wanted;	/* raw mode asked for by the editor */
static int sent;	/* raw mode asked of scripts/boot */

int zrt_host_tty_raw(int fd, int on)
{
	if (!on) {
		if (sent)
			zrt_console_in_control("cooked\n");
		wanted = sent = 0;
		return 1;
	}
	if (fd != 0 || !zrt_host_isatty(0) || !zrt_console_in_can_control())
		return 0;
	wanted = 1;
	return 1;
}

void zrt_tty_before_read(void)
{
	if (wanted && !sent && zrt_console_in_control("raw\n") == 0)
		sent = 1;
}
