/*
 * runtime/guest/block.c - the guest's two disks.
 *
 * In:  the virtio block devices found at boot; requests to read or write
 *      whole 512-byte sectors (files.c).
 * Out: the input disk (the first read-only one) and the output disk (the
 *      first writable one), and their reads and writes.
 *
 * Why it exists: a virtio block device (type 2) has one queue, and each
 * request is a chain of three buffers: a 16-byte header the device reads
 * (type, reserved, first sector), the data (written by the device for a
 * read, read by it for a write), and one status byte the device writes
 * (0 for success).  The capacity in sectors is the first field of the
 * device's configuration space.  Which disk is which follows from the
 * device itself: the read-only one (feature VIRTIO_BLK_F_RO, which
 * scripts/boot sets with readonly=on) holds the inputs.
 *
 * Requests are cut into pieces of at most 256 KiB, a size every device
 * accepts in one descriptor.
 */
#include "guest.h"

#define SECTOR 512u
#define PIECE ((size_t)256 << 10)

#define BLK_F_RO ((uint64_t)1 << 5)
#define BLK_T_IN 0
#define BLK_T_OUT 1

struct request_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

static struct zrt_disk disks[2];
struct zrt_disk *zrt_input_disk, *zrt_output_disk;

/* Static, so the device reaches them at their own addresses. */
static struct request_header header;
static volatile uint8_t status;

void zrt_block_init(struct zrt_virtio *devs, int n)
{
	int i, k = 0;

	for (i = 0; i < n && k < 2; i++) {
		struct zrt_disk *d = &disks[k];
		int ro = (devs[i].features & BLK_F_RO) != 0;

		if (devs[i].id != VIRTIO_ID_BLOCK)
			continue;
		if (ro ? zrt_input_disk != NULL : zrt_output_disk != NULL)
			continue;	/* a third disk is left alone */
		d->dev = &devs[i];
		if (zrt_virtio_begin(d->dev, BLK_F_RO) != 0 || zrt_virtq_init(d->dev, &d->q, 0) != 0)
			continue;
		d->bytes = zrt_virtio_config64(d->dev, 0) * SECTOR;
		d->read_only = ro;
		zrt_virtio_ready(d->dev);
		if (ro)
			zrt_input_disk = d;
		else
			zrt_output_disk = d;
		k++;
	}
}

static int transfer(struct zrt_disk *d, uint32_t type, uint64_t offset, void *buf, size_t len)
{
	char *p = buf;

	if (!d || offset % SECTOR || len % SECTOR || offset > d->bytes || len > d->bytes - offset)
		return -1;
	while (len > 0) {
		struct zrt_vbuf b[3];
		size_t k = len < PIECE ? len : PIECE;

		header.type = type;
		header.reserved = 0;
		header.sector = offset / SECTOR;
		status = 0xff;
		b[0].p = &header;
		b[0].len = sizeof(header);
		b[0].device_writes = 0;
		b[1].p = p;
		b[1].len = (uint32_t)k;
		b[1].device_writes = type == BLK_T_IN;
		b[2].p = (const void *)&status;
		b[2].len = 1;
		b[2].device_writes = 1;
		if (zrt_virtq_request(&d->q, b, 3) < 0 || status != 0)
			return -1;
		p += k;
		offset += k;
		len -= k;
	}
	return 0;
}

int zrt_disk_read(struct zrt_disk *d, uint64_t offset, void *buf, size_t len)
{
	return transfer(d, BLK_T_IN, offset, buf, len);
}

int zrt_disk_write(struct zrt_disk *d, uint64_t offset, const void *buf, size_t len)
{
	if (d && d->read_only)
		return -1;
	return transfer(d, BLK_T_OUT, offset, (void *)buf, len);
}
