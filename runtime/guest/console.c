/*
 * runtime/guest/console.c - standard output, standard error and standard
 * input of a guest.
 *
 * In:  the virtio console devices found at boot; Zoot strings to write
 *      to descriptor 1 or 2 (%write-string), flush requests (%flush),
 *      line reads from descriptor 0 (%read-chunk).
 * Out: bytes on the consoles' transmit queues, which scripts/boot
 *      connects to its own standard output and standard error; lines of
 *      standard input decoded into Zoot strings.
 *
 * Why it exists: it stands where runtime/host/console.c stands, with the
 * same behaviour towards the library (language/ports.zt): standard
 * output is buffered and written by %flush, at exit and on the fatal
 * paths; standard error is written at once.
 *
 * Devices.  A virtio console (device type 3) without the MULTIPORT
 * feature is one port with two queues, receiveq (0) and transmitq (1).
 * The first console found is standard output, the second standard error;
 * with only one, both go there, and with none, bytes go to the machine's
 * debug port (zrt_arch_debug_putc), so a guest booted by hand still says
 * why it stopped.  scripts/boot puts the two consoles on the first two
 * transports.
 *
 * Standard input is not the console: a guest cannot tell a console's end
 * of input from a pause, so scripts/boot stores its standard input in the
 * input archive, and descriptor 0 reads it from there (files.c).
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define OUT_SIZE 65536
#define IN_SIZE 65536
#define CHUNK (OUT_SIZE)
#define MAX_FD 64		/* the descriptors hosted programs accept */

struct console {
	struct zrt_virtio *dev;
	struct zrt_vq tx;
};

static struct console consoles[2];
static struct console *out_console, *err_console;

/* Standard output's buffer.  Static, so it lies where the device can
 * reach it at the same address (zrt_phys). */
static char out_buf[OUT_SIZE];
static size_t out_len;

static void debug_write(const char *p, size_t n)
{
	while (n--)
		zrt_arch_debug_putc(*p++);
}

static void transmit(struct console *c, const char *p, size_t n)
{
	if (!c) {
		debug_write(p, n);
		return;
	}
	while (n > 0) {
		struct zrt_vbuf b;
		size_t k = n < CHUNK ? n : CHUNK;

		b.p = p;
		b.len = (uint32_t)k;
		b.device_writes = 0;
		if (zrt_virtq_request(&c->tx, &b, 1) < 0) {
			debug_write(p, n);
			return;
		}
		p += k;
		n -= k;
	}
}

void zrt_console_init(struct zrt_virtio *devs, int n)
{
	int i, k = 0;

	for (i = 0; i < n && k < 2; i++) {
		struct console *c = &consoles[k];

		if (devs[i].id != VIRTIO_ID_CONSOLE)
			continue;
		c->dev = &devs[i];
		if (zrt_virtio_begin(c->dev, 0) != 0 || zrt_virtq_init(c->dev, &c->tx, 1) != 0)
			continue;
		zrt_virtio_ready(c->dev);
		k++;
	}
	out_console = k > 0 ? &consoles[0] : NULL;
	err_console = k > 1 ? &consoles[1] : out_console;
}

void zrt_console_emergency(const char *s)
{
	transmit(err_console, s, strlen(s));
}

/* ---- Writing (zrt.h) -------------------------------------------------- */

void zrt_host_flush_stdout(void)
{
	size_t n = out_len;

	out_len = 0;
	transmit(out_console, out_buf, n);
}

void zrt_host_write(int fd, const void *bytes, size_t n)
{
	if (fd != 1) {
		/* As hosted, where the other descriptors are not open. */
		if (fd == 2)
			transmit(err_console, bytes, n);
		return;
	}
	if (out_len + n > OUT_SIZE)
		zrt_host_flush_stdout();
	if (n >= OUT_SIZE) {
		transmit(out_console, bytes, n);
		return;
	}
	memcpy(out_buf + out_len, bytes, n);
	out_len += n;
}

void zrt_host_write_str(int fd, const char *s)
{
	zrt_host_write(fd, s, strlen(s));
}

static int check_fd(const char *who, zval fd)
{
	if (!IS_FIXNUM(fd) || FIXNUM_VALUE(fd) < 0 || FIXNUM_VALUE(fd) >= MAX_FD)
		zrt_type_error(who, "a file descriptor", fd);
	return (int)FIXNUM_VALUE(fd);
}

/* Encoded a slice at a time, so a long string needs no big buffer. */
zval zp_write_string(zval fd, zval s)
{
	char buf[4 * 1024];
	int d = check_fd("%write-string", fd);
	const uint32_t *chars;
	size_t n, i;

	if (!IS_STRING(s))
		zrt_type_error("%write-string", "a string", s);
	chars = STRING_CHARS(s);
	n = OBJ_LENGTH(s);
	for (i = 0; i < n;) {
		size_t k = 0;

		for (; i < n && k < sizeof(buf) - 4; i++) {
			uint32_t c = chars[i];

			if (c < 0x80)
				buf[k++] = (char)c;
			else
				k += zrt_utf8_encode_char(c, buf + k);
		}
		zrt_host_write(d, buf, k);
	}
	return ZUNSPEC;
}

zval zp_flush(zval fd)
{
	if (check_fd("%flush", fd) == 1)
		zrt_host_flush_stdout();
	return ZUNSPEC;
}

/* Nothing in a guest is a terminal. */
zval zp_isatty(zval fd)
{
	check_fd("%isatty", fd);
	return ZFALSE;
}

/* ---- Reading lines from standard input -------------------------------- */

static char *in_buf;
static size_t in_start, in_end;
static uint64_t in_pos;			/* bytes of standard input consumed */
static int in_eof;

static int refill(void)
{
	size_t k;

	if (!in_buf && !(in_buf = malloc(IN_SIZE)))
		zrt_fatal("out of memory (input buffer)");
	zrt_host_flush_stdout();
	k = zrt_stdin_read(in_pos, in_buf, IN_SIZE);
	if (k == 0) {
		in_eof = 1;
		return 0;
	}
	in_pos += k;
	in_start = 0;
	in_end = k;
	return 1;
}

/* One line with its newline, what is left before end of file, or the
 * eof object.  Only descriptor 0 has input. */
zval zp_read_chunk(zval fd)
{
	int d = check_fd("%read-chunk", fd);
	char *line = NULL;
	size_t len = 0, cap = 0;
	int done = 0;
	zval s;

	while (!done && d == 0) {
		char *p, *nl;
		size_t n;

		if (in_start == in_end && (in_eof || !refill()))
			break;
		p = in_buf + in_start;
		n = in_end - in_start;
		nl = memchr(p, '\n', n);
		if (nl) {
			n = (size_t)(nl - p) + 1;
			done = 1;
		}
		if (len + n > cap) {
			char *bigger;

			cap = (len + n) * 2;
			bigger = realloc(line, cap);
			if (!bigger)
				zrt_fatal("out of memory (reading a line)");
			line = bigger;
		}
		memcpy(line + len, p, n);
		len += n;
		in_start += n;
	}
	if (len == 0) {
		free(line);
		return ZEOF;
	}
	s = zrt_string_from_utf8(line, len);
	free(line);
	return s;
}
