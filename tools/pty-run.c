/*
 * tools/pty-run.c - run a command on a pseudo-terminal and type into it.
 *
 * In:  pty-run [-s] [-w WAIT] SECONDS INPUT COMMAND [ARGS...]: the bytes
 *      of file INPUT are the keys typed.
 * Out: everything the command writes to the terminal, on stdout; with
 *      -s, the screen a terminal would show instead, as lines of text
 *      (carriage return, newline, CSI K, CSI n C and CSI n D are
 *      carried out, other control sequences dropped); exit status the
 *      command's (124 when it outlived SECONDS, and then it and every
 *      process of its group are killed; 2 on a usage or system error).
 *
 * Why it exists: the REPL's line editor (language/lineedit.zt) runs only
 * on a terminal; test/repl/run drives it through this.  The keys are
 * typed once the command has put the terminal in non-canonical mode
 * (polled through the master, whose termios is the slave's), so none is
 * echoed by the kernel's line discipline before the editor takes over
 * (or after WAIT seconds, default 5, for a command that never does: a
 * guest booting under a loaded QEMU may take longer to ask for it);
 * the window is 80 columns.  Written for the tests: no job control,
 * one command, input all at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, k;

	if (!f)
		return NULL;
	do {
		if (len == cap && !(buf = realloc(buf, cap = cap * 2 + 4096)))
			return NULL;
		k = fread(buf + len, 1, cap - len, f);
		len += k;
	} while (k > 0);
	fclose(f);
	*n = len;
	return buf;
}

/* ---- The screen of -s: one line of code points and a cursor ---------- */

#define COLS 4096
static uint32_t line[COLS];
static size_t line_len, cursor;
static int screen;

static void put_utf8(uint32_t c)
{
	if (c < 0x80) {
		putchar((int)c);
	} else if (c < 0x800) {
		putchar((int)(0xc0 | c >> 6));
		putchar((int)(0x80 | (c & 63)));
	} else if (c < 0x10000) {
		putchar((int)(0xe0 | c >> 12));
		putchar((int)(0x80 | (c >> 6 & 63)));
		putchar((int)(0x80 | (c & 63)));
	} else {
		putchar((int)(0xf0 | c >> 18));
		putchar((int)(0x80 | (c >> 12 & 63)));
		putchar((int)(0x80 | (c >> 6 & 63)));
		putchar((int)(0x80 | (c & 63)));
	}
}

static void end_line(void)
{
	/* Trailing blanks are not seen. */
	while (line_len > 0 && line[line_len - 1] == ' ')
		line_len--;
	for (size_t i = 0; i < line_len; i++)
		put_utf8(line[i]);
	putchar('\n');
	line_len = cursor = 0;
}

static void put_char(uint32_t c)
{
	if (cursor >= COLS)
		return;
	while (line_len < cursor)
		line[line_len++] = ' ';
	line[cursor++] = c;
	if (cursor > line_len)
		line_len = cursor;
}

/* A control sequence CSI PARAM FINAL. */
static void control(unsigned param, int final)
{
	unsigned n = param ? param : 1;

	if (final == 'K')
		line_len = cursor < line_len ? cursor : line_len;
	else if (final == 'D')
		cursor = cursor > n ? cursor - n : 0;
	else if (final == 'C')
		cursor += n;
}

/* Feed one byte of output to the screen. */
static void feed(unsigned char b)
{
	static int state;	/* 0 text, 1 after ESC, 2 in CSI */
	static unsigned param, pending, need;

	if (state == 1) {
		state = b == '[' ? 2 : 0;
		param = 0;
		return;
	}
	if (state == 2) {
		if (b >= '0' && b <= '9')
			param = param * 10 + (b - '0');
		else if (b >= 0x40 && b <= 0x7e) {
			control(param, b);
			state = 0;
		}
		return;
	}
	if (need) {
		pending = pending << 6 | (b & 63);
		if (--need == 0)
			put_char(pending);
		return;
	}
	if (b == 27)
		state = 1;
	else if (b == '\r')
		cursor = 0;
	else if (b == '\n')
		end_line();
	else if (b >= 0xf0)
		pending = b & 7, need = 3;
	else if (b >= 0xe0)
		pending = b & 15, need = 2;
	else if (b >= 0xc0)
		pending = b & 31, need = 1;
	else if (b >= 32)
		put_char(b);
}

/* Copy what the command wrote; 0 once the terminal is closed. */
static int drain(int master)
{
	char buf[4096];
	ssize_t k = read(master, buf, sizeof(buf));

	if (k <= 0)
		return 0;
	if (!screen)
		fwrite(buf, 1, (size_t)k, stdout);
	else
		for (ssize_t i = 0; i < k; i++)
			feed((unsigned char)buf[i]);
	return 1;
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	double limit, wait = 5, start = now();
	size_t n = 0, sent = 0;
	char *input;
	int master, status, typing = 0;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		screen = 1;
		argc--;
		argv++;
	}
	if (argc > 2 && strcmp(argv[1], "-w") == 0) {
		wait = atof(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: pty-run [-s] [-w WAIT] SECONDS INPUT COMMAND [ARGS...]\n");
		return 2;
	}
	limit = atof(argv[1]);
	if (!(input = slurp(argv[2], &n))) {
		perror(argv[2]);
		return 2;
	}
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	for (;;) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		struct termios t;

		if (now() - start > limit) {
			/* The whole group forkpty's session made: a script's
			 * children (a QEMU) go too. */
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fflush(stdout);
			return 124;
		}
		/* A command that never leaves canonical mode gets the keys
		 * after WAIT seconds (echoed by the line discipline). */
		if (!typing && ((tcgetattr(master, &t) == 0 && !(t.c_lflag & ICANON))
				|| now() - start > wait))
			typing = 1;
		if (typing && sent < n) {
			ssize_t k = write(master, input + sent, n - sent);

			if (k > 0)
				sent += (size_t)k;
		}
		if (poll(&p, 1, 20) > 0 && !drain(master))
			break;
	}
	waitpid(pid, &status, 0);
	if (screen && line_len > 0)
		end_line();
	fflush(stdout);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
