/*
 * runtime/host/console.c - the descriptors' raw bytes (libc).
 *
 * In:  bytes to write to a descriptor, requests to read some, isatty
 *      and readiness queries, from runtime/console.c.
 * Out: write(2), read(2), isatty(3) and poll(2), retried when a signal
 *      interrupts them.
 *
 * Why it exists: runtime/console.c (buffering, UTF-8, lines) is the same
 * on every platform; only this is libc's.
 */
#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include "../zrt.h"

/* write(2) until done; errors (a closed pipe) drop the output. */
void zrt_host_write_fd(int fd, const void *bytes, size_t n)
{
	const char *p = bytes;

	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		p += k;
		n -= (size_t)k;
	}
}

long zrt_host_read_fd(int fd, void *buf, size_t max)
{
	ssize_t k;

	do
		k = read(fd, buf, max);
	while (k < 0 && errno == EINTR);
	return (long)k;
}

int zrt_host_isatty(int fd)
{
	return isatty(fd) == 1;
}

/* Whether a read(2) of FD would return at once: bytes are there, it is
 * at end of file, or it fails (poll's answer for all three). */
int zrt_host_input_ready(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int k;

	do
		k = poll(&p, 1, 0);
	while (k < 0 && errno == EINTR);
	return k != 0;
}
