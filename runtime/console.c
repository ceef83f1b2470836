/*
 * runtime/console.c - writing and reading descriptors, on any platform.
 *
 * In:  Zoot strings to write to a descriptor (%write-string), flush
 *      requests (%flush), line reads (%read-chunk), isatty queries,
 *      readiness queries (%input-ready?); the platform's raw descriptor
 *      operations beneath (zrt_host_write_fd, zrt_host_read_fd,
 *      zrt_host_isatty, zrt_host_input_ready: runtime/host/console.c with
 *      libc, runtime/guest/console.c with virtio consoles and the input
 *      disk).
 * Out: UTF-8 on the descriptors; lines decoded into Zoot strings; the
 *      runtime's own zrt_host_write and friends.
 *
 * Why it exists: ports (language/ports.zt) are Zoot code on top of these
 * few operations, and they behave the same hosted and in a guest:
 * standard output is buffered here and written out by %flush, at exit
 * and on the fatal paths; standard error and any other descriptor are
 * written at once.  Input is buffered per descriptor.  Only moving the
 * bytes differs per platform.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

#define OUT_SIZE 65536
#define IN_SIZE 65536
#define MAX_FD 64

/* Standard output's buffer.  Static: a guest's device reads it where it
 * lies (runtime/guest/memory.c, zrt_phys). */
static char out_buf[OUT_SIZE];
static size_t out_len;

void zrt_host_flush_stdout(void)
{
	size_t n = out_len;

	out_len = 0;
	zrt_host_write_fd(1, out_buf, n);
}

void zrt_host_write(int fd, const void *bytes, size_t n)
{
	if (fd != 1) {
		zrt_host_write_fd(fd, bytes, n);
		return;
	}
	if (out_len + n > OUT_SIZE)
		zrt_host_flush_stdout();
	if (n >= OUT_SIZE) {
		zrt_host_write_fd(1, bytes, n);
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

zval zp_isatty(zval fd)
{
	return ZBOOL(zrt_host_isatty(check_fd("%isatty", fd)));
}

/* ---- Reading lines --------------------------------------------------- */

struct input {
	char *data;
	size_t start, end;
	int eof;		/* sticky: once seen, every read is at end */
};

static struct input inputs[MAX_FD];

static int refill(int fd, struct input *in)
{
	long k;

	if (!in->data && !(in->data = malloc(IN_SIZE)))
		zrt_fatal("out of memory (input buffer)");
	/* A prompt written to stdout must be seen before we wait. */
	zrt_host_flush_stdout();
	k = zrt_host_read_fd(fd, in->data, IN_SIZE);
	if (k <= 0) {
		in->eof = 1;
		return 0;
	}
	in->start = 0;
	in->end = (size_t)k;
	return 1;
}

/* One line with its newline, what is left before end of file, or the
 * eof object. */
zval zp_read_chunk(zval fd)
{
	int d = check_fd("%read-chunk", fd);
	struct input *in = &inputs[d];
	char *line = NULL;
	size_t len = 0, cap = 0;
	int done = 0;
	zval s;

	while (!done) {
		char *p, *nl;
		size_t n;

		if (in->start == in->end && (in->eof || !refill(d, in)))
			break;
		p = in->data + in->start;
		n = in->end - in->start;
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
		in->start += n;
	}
	if (len == 0) {
		free(line);
		return ZEOF;
	}
	s = zrt_string_from_utf8(line, len);
	free(line);
	return s;
}

static int line_buffered(const struct input *in)
{
	return in->eof || (in->end > in->start &&
			   memchr(in->data + in->start, '\n', in->end - in->start));
}

/* Read what FD has now after the bytes still buffered; 0 when there is
 * no room left or nothing came (then the end of input is noted). */
static int fill_more(int fd, struct input *in)
{
	size_t n = in->end - in->start;
	long k;

	if (!in->data && !(in->data = malloc(IN_SIZE)))
		zrt_fatal("out of memory (input buffer)");
	memmove(in->data, in->data + in->start, n);
	in->start = 0;
	in->end = n;
	if (n == IN_SIZE)
		return 0;
	k = zrt_host_read_fd(fd, in->data + n, IN_SIZE - n);
	if (k <= 0) {
		in->eof = 1;
		return 0;
	}
	in->end += (size_t)k;
	return 1;
}

/* Whether %read-chunk on FD would return without waiting (char-ready?):
 * a whole line or the end of input is buffered, after reading what the
 * descriptor has now.  A partial line is not ready, since %read-chunk
 * waits for its end. */
zval zp_input_ready(zval fd)
{
	int d = check_fd("%input-ready?", fd);
	struct input *in = &inputs[d];

	while (!line_buffered(in) && zrt_host_input_ready(d))
		if (!fill_more(d, in))
			break;
	return ZBOOL(line_buffered(in));
}
