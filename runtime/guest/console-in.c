/*
 * runtime/guest/console-in.c - standard input as it arrives, on two more
 * virtio consoles.
 *
 * In:  the third and fourth virtio consoles found at boot, which
 *      scripts/boot adds when its standard input is a terminal or a pipe
 *      (a file still travels on the input disk, files.c); requests to
 *      read descriptor 0 (console.c).
 * Out: the bytes typed or piped, as they come, and the end of input;
 *      zrt_console_in_control, a line to scripts/boot on the fourth
 *      console's transmit queue (terminal.c asks for the terminal's
 *      mode that way).
 *
 * Why it exists: a console's data cannot say "end of input", and QEMU
 * 7.2's character devices that read a pipe or a terminal either never
 * see its end (a FIFO they open for reading and writing) or take the
 * terminal's line editing away (stdio).  So scripts/boot relays its
 * standard input into the third console's FIFO as it comes, counting
 * the bytes, and when the input ends it writes the count, in decimal
 * and a newline, to the fourth console.  The end of input is when that
 * many bytes have been read: whatever order QEMU delivers the two in,
 * no byte is lost and none is waited for that will not come.  A
 * terminal keeps its own line discipline (the relay reads it as any
 * program would): lines arrive when Enter is pressed, ^D ends the
 * input.  The line editor of the REPL needs each key as it is typed:
 * it asks for that (runtime/guest/terminal.c) by a line on the fourth
 * console's unused direction, which scripts/boot reads and answers by
 * changing its terminal's mode; the keys then come one by one.
 *
 * Each console is used without VIRTIO_CONSOLE_F_MULTIPORT: one port,
 * receive queue 0.  Everything is polled, as elsewhere in the guest.
 */
#include <string.h>
#include "guest.h"

#define DATA_BUFFERS 8u
#define DATA_SIZE 4096u
#define END_SIZE 64u

struct receiver {
	struct zrt_vq q;
	uint8_t *memory;	/* BUFFERS * SIZE */
	unsigned buffers, size;
};

static struct receiver data, end;
static struct zrt_vq control;	/* the end console's transmitq */
static int control_ok;
static int present;
static uint64_t received;	/* data bytes taken from the device */
static uint64_t total;		/* the count, once it has come */
static int total_known;
static char digits[24];
static unsigned ndigits;
/* The data buffer being read from, and how far. */
static int current = -1;
static uint32_t current_len, current_pos;

static uint8_t *buffer(struct receiver *r, unsigned id)
{
	return r->memory + (size_t)(id % r->buffers) * r->size;
}

static void repost(struct receiver *r, unsigned id)
{
	zrt_virtq_post(&r->q, (uint16_t)(id % r->buffers), buffer(r, id), r->size);
	zrt_virtq_kick(&r->q);
}

/* A console's receive queue with BUFFERS buffers of SIZE posted; its
 * transmit queue too when TX is not NULL (*TX_OK says whether it is). */
static int receiver_init(struct receiver *r, struct zrt_virtio *dev, unsigned buffers, unsigned size,
			 struct zrt_vq *tx, int *tx_ok)
{
	unsigned i;

	if (zrt_virtio_begin(dev, 0) != 0 || zrt_virtq_init_size(dev, &r->q, 0, buffers) != 0)
		return -1;
	if (tx)
		*tx_ok = zrt_virtq_init(dev, tx, 1) == 0;
	r->buffers = r->q.size;
	r->size = size;
	r->memory = zrt_pages_alloc((r->buffers * size + ZRT_PAGE - 1) / ZRT_PAGE);
	if (!r->memory)
		return -1;
	for (i = 0; i < r->buffers; i++)
		zrt_virtq_post(&r->q, (uint16_t)i, buffer(r, i), size);
	zrt_virtio_ready(dev);
	zrt_virtq_kick(&r->q);
	return 0;
}

int zrt_console_in_init(struct zrt_virtio *data_dev, struct zrt_virtio *end_dev)
{
	if (receiver_init(&data, data_dev, DATA_BUFFERS, DATA_SIZE, NULL, NULL) != 0 ||
	    receiver_init(&end, end_dev, 2, END_SIZE, &control, &control_ok) != 0)
		return -1;
	present = 1;
	return 0;
}

int zrt_console_in_present(void)
{
	return present;
}

/* Whether requests can go to scripts/boot. */
int zrt_console_in_can_control(void)
{
	return present && control_ok;
}

/* Send LINE (a request ending in a newline) to scripts/boot: 0 when it
 * went, -1 when there is no console to send it on. */
int zrt_console_in_control(const char *line)
{
	struct zrt_vbuf b;

	if (!zrt_console_in_can_control())
		return -1;
	b.p = line;
	b.len = (uint32_t)strlen(line);
	b.device_writes = 0;
	return zrt_virtq_request(&control, &b, 1) < 0 ? -1 : 0;
}

/* Digits of the count, up to its newline. */
static void end_poll(void)
{
	uint16_t id;
	uint32_t len, i;

	while (!total_known && zrt_virtq_take(&end.q, &id, &len)) {
		const uint8_t *p = buffer(&end, id);

		for (i = 0; i < len && i < end.size && !total_known; i++) {
			if (p[i] >= '0' && p[i] <= '9' && ndigits < sizeof(digits) - 1) {
				digits[ndigits++] = (char)p[i];
			} else if (p[i] == '\n') {
				unsigned k;

				total = 0;
				for (k = 0; k < ndigits; k++)
					total = total * 10 + (uint64_t)(digits[k] - '0');
				total_known = 1;
			}
		}
		repost(&end, id);
	}
}

/* The next data buffer with something in it; 0 when none has come. */
static int data_take(void)
{
	uint16_t id;
	uint32_t len;

	while (zrt_virtq_take(&data.q, &id, &len)) {
		if (len == 0) {
			repost(&data, id);
			continue;
		}
		current = id % data.buffers;
		current_len = len < data.size ? len : data.size;
		current_pos = 0;
		received += current_len;
		return 1;
	}
	return 0;
}

long zrt_console_in_read(void *buf, size_t max)
{
	size_t n;

	if (!present)
		return 0;
	while (current < 0 && !data_take()) {
		end_poll();
		if (total_known && received >= total)
			return 0;
		zrt_cpu_relax();
	}
	n = current_len - current_pos < max ? current_len - current_pos : max;
	memcpy(buf, buffer(&data, (unsigned)current) + current_pos, n);
	current_pos += (uint32_t)n;
	if (current_pos >= current_len) {
		repost(&data, (unsigned)current);
		current = -1;
	}
	return (long)n;
}
