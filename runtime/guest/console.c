/*
 * runtime/guest/console.c - standard output, standard error and standard
 * input of a guest.
 *
 * In:  the virtio console devices found at boot; bytes to write to
 *      descriptor 1 or 2, requests to read descriptor 0, isatty queries,
 *      from runtime/console.c (which buffers standard output and makes
 *      lines and UTF-8, as hosted).
 * Out: bytes on the consoles' transmit queues, which scripts/boot
 *      connects to its own standard output and standard error; the bytes
 *      of standard input.
 *
 * Why it exists: it stands where runtime/host/console.c stands: the
 * descriptors' raw bytes.
 *
 * Devices.  A virtio console (device type 3) without the MULTIPORT
 * feature is one port with two queues, receiveq (0) and transmitq (1).
 * The first console found is standard output, the second standard error;
 * with only one, both go there, and with none, bytes go to the machine's
 * debug port (zrt_arch_debug_putc), so a guest booted by hand still says
 * why it stopped.  scripts/boot puts the two consoles on the first two
 * transports.
 *
 * Standard input: when scripts/boot's is a terminal or a pipe, it comes
 * on a third console as it arrives, and its length on a fourth at its
 * end (console-in.c); when it is a file, scripts/boot
 * stores it in the input archive, and descriptor 0 reads it from there
 * (files.c).  The program sees the same bytes either way.
 */
#include <string.h>
#include "guest.h"

#define CHUNK 65536

struct console {
	struct zrt_virtio *dev;
	struct zrt_vq tx;
};

static struct console consoles[2];
static struct console *out_console, *err_console;

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
	struct zrt_virtio *in = NULL;
	int i, k = 0, seen = 0;

	for (i = 0; i < n && seen < 4; i++) {
		struct console *c = &consoles[k];

		if (devs[i].id != VIRTIO_ID_CONSOLE)
			continue;
		if (++seen == 3) {
			in = &devs[i];
			continue;
		}
		if (seen == 4) {
			zrt_console_in_init(in, &devs[i]);
			break;
		}
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

/* ---- The descriptors (zrt.h) ------------------------------------------ */

/* Descriptors 1 and 2; the others are not open, as hosted. */
void zrt_host_write_fd(int fd, const void *bytes, size_t n)
{
	if (fd == 1)
		transmit(out_console, bytes, n);
	else if (fd == 2)
		transmit(err_console, bytes, n);
}

/* Descriptor 0 only: the bytes of standard input, in order, from the
 * input console as they come when there is one, else from the disk. */
long zrt_host_read_fd(int fd, void *buf, size_t max)
{
	static uint64_t in_pos;		/* bytes of standard input consumed */
	size_t k;

	if (fd != 0)
		return 0;
	if (zrt_console_in_present()) {
		zrt_tty_before_read();
		return zrt_console_in_read(buf, max);
	}
	k = zrt_stdin_read(in_pos, buf, max);
	in_pos += k;
	return (long)k;
}

/* Standard input is a terminal when scripts/boot's was; nothing else
 * in a guest is one. */
int zrt_host_isatty(int fd)
{
	const char *kind = zrt_os_stdin_kind();

	return fd == 0 && kind && strcmp(kind, "tty") == 0;
}

/* Standard input is a disk, there whole: a read never waits. */
int zrt_host_input_ready(int fd)
{
	(void)fd;
	return 1;
}
