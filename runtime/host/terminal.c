/*
 * runtime/host/terminal.c - raw terminal input (termios).
 *
 * In:  a descriptor and whether to make its terminal raw or restore it.
 * Out: zrt_host_tty_raw: in raw mode a read returns each byte as it is
 *      typed, nothing is echoed, and Ctrl-C, Ctrl-Z, Ctrl-S reach the
 *      program as bytes; output processing stays on (a newline still
 *      starts the next line).  Restoring puts back the settings saved
 *      when raw mode was entered.
 *
 * State: the saved settings (one terminal, the REPL's standard input),
 * and whether raw mode is on; raw mode is left at exit too.
 */
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>
#include "../zrt.h"

static struct termios saved;
static int raw_fd = -1;

static void restore(void)
{
	if (raw_fd >= 0)
		tcsetattr(raw_fd, TCSADRAIN, &saved);
	raw_fd = -1;
}

int zrt_host_tty_raw(int fd, int on)
{
	static int registered;
	struct termios t;

	if (!on) {
		restore();
		return 1;
	}
	if (raw_fd >= 0)
		return 1;
	if (!isatty(fd) || tcgetattr(fd, &saved) != 0)
		return 0;
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSADRAIN, &t) != 0)
		return 0;
	raw_fd = fd;
	if (!registered) {
		atexit(restore);
		registered = 1;
	}
	return 1;
}
