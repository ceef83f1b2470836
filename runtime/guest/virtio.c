/*
 * runtime/guest/virtio.c - the virtio-mmio transport and split virtqueues.
 *
 * In:  the machine's virtio-mmio window (zrt_arch_virtio_base: where,
 *      how many transports, how far apart).
 * Out: the devices found there; device initialisation (reset, feature
 *      negotiation, queues, DRIVER_OK); requests made on a virtqueue and
 *      waited for; reads of a device's configuration space.
 *
 * Why it exists: virtio is the guest's only way out.  Following the
 * virtio 1.x specification ("Virtio Over MMIO", "Split Virtqueues"),
 * each transport is a page of 32-bit registers: a magic value, a
 * version, a device type, feature words, queue set-up registers, a
 * notify register and a status register.  A device sits behind a
 * transport whose DeviceID is not zero.
 *
 * Both register layouts are spoken.  Version 2 (virtio 1.x) gives each
 * ring part its own 64-bit address and a QueueReady register, and wants
 * VIRTIO_F_VERSION_1 and the FEATURES_OK handshake.  Version 1 (the
 * legacy layout, which QEMU still offers by default) wants the guest's
 * page size, then one page frame number for the whole ring, laid out
 * contiguously with the used ring on a page boundary.  The ring memory
 * is laid out that way for both, so the only difference is which
 * registers say where it is.
 *
 * Everything is polled: a request is a descriptor chain made available,
 * a write to QueueNotify, then a spin until the device's used index
 * moves.  Only one request is ever in flight on a queue, so descriptors
 * 0..n-1 are reused for every request, and the driver asks the device
 * not to interrupt (VRING_AVAIL_F_NO_INTERRUPT).  Interrupts stay off
 * in the guest from boot to power-off.
 *
 * A receive queue (virtio-net's) works the other way round: the driver
 * posts buffers of its own (zrt_virtq_post, one descriptor each, the
 * descriptor's index as the buffer's id), the device fills them when
 * frames arrive, and the driver looks at the used ring when it likes
 * (zrt_virtq_take, which never waits) and posts each buffer again.
 */
#include <string.h>
#include "guest.h"

/* Registers (offsets into the transport). */
#define MAGIC_VALUE 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define DEVICE_FEATURES 0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES 0x020
#define DRIVER_FEATURES_SEL 0x024
#define GUEST_PAGE_SIZE 0x028	/* legacy */
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_ALIGN 0x03c	/* legacy */
#define QUEUE_PFN 0x040		/* legacy */
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define STATUS 0x070
#define QUEUE_DESC_LOW 0x080
#define QUEUE_DESC_HIGH 0x084
#define QUEUE_DRIVER_LOW 0x090
#define QUEUE_DRIVER_HIGH 0x094
#define QUEUE_DEVICE_LOW 0x0a0
#define QUEUE_DEVICE_HIGH 0x0a4
#define CONFIG_GENERATION 0x0fc
#define CONFIG 0x100

#define MAGIC 0x74726976	/* "virt" */

/* Device status bits. */
#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8
#define S_NEEDS_RESET 64
#define S_FAILED 128

#define F_VERSION_1 ((uint64_t)1 << 32)

/* Descriptor flags. */
#define DESC_NEXT 1
#define DESC_WRITE 2
#define AVAIL_NO_INTERRUPT 1
#define USED_NO_NOTIFY 1

/* Queues are small: one request at a time needs three descriptors. */
#define QUEUE_SIZE 8u

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

static uint32_t rd(const struct zrt_virtio *d, unsigned reg)
{
	return *(volatile uint32_t *)(d->base + reg);
}

static void wr(const struct zrt_virtio *d, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(d->base + reg) = v;
}

int zrt_virtio_probe(struct zrt_virtio *devs, int max)
{
	uintptr_t base = zrt_arch_virtio_base();
	int slots = zrt_arch_virtio_slots(), i, n = 0;

	for (i = 0; i < slots && n < max; i++) {
		struct zrt_virtio *d = &devs[n];

		d->base = base + (uintptr_t)i * zrt_arch_virtio_stride();
		d->slot = i;
		if (rd(d, MAGIC_VALUE) != MAGIC)
			continue;
		d->version = rd(d, VERSION);
		d->id = rd(d, DEVICE_ID);
		if ((d->version != 1 && d->version != 2) || d->id == 0)
			continue;
		wr(d, DEVICE_FEATURES_SEL, 0);
		d->features = rd(d, DEVICE_FEATURES);
		wr(d, DEVICE_FEATURES_SEL, 1);
		d->features |= (uint64_t)rd(d, DEVICE_FEATURES) << 32;
		n++;
	}
	return n;
}

int zrt_virtio_begin(struct zrt_virtio *d, uint64_t wanted)
{
	uint64_t accept = d->features & wanted;

	wr(d, STATUS, 0);			/* reset */
	while (d->version == 2 && rd(d, STATUS) != 0)
		;
	wr(d, STATUS, S_ACKNOWLEDGE);
	wr(d, STATUS, S_ACKNOWLEDGE | S_DRIVER);
	if (d->version == 2) {
		if (!(d->features & F_VERSION_1))
			goto failed;
		accept |= F_VERSION_1;
	} else {
		accept &= 0xffffffffu;		/* legacy: 32 feature bits */
		wr(d, GUEST_PAGE_SIZE, ZRT_PAGE);
	}
	wr(d, DRIVER_FEATURES_SEL, 0);
	wr(d, DRIVER_FEATURES, (uint32_t)accept);
	wr(d, DRIVER_FEATURES_SEL, 1);
	wr(d, DRIVER_FEATURES, (uint32_t)(accept >> 32));
	if (d->version == 2) {
		wr(d, STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
		if (!(rd(d, STATUS) & S_FEATURES_OK))
			goto failed;
	}
	d->features = accept;
	return 0;
failed:
	wr(d, STATUS, S_FAILED);
	return -1;
}

static uintptr_t round_page(uintptr_t x)
{
	return (x + ZRT_PAGE - 1) & ~(uintptr_t)(ZRT_PAGE - 1);
}

int zrt_virtq_init(struct zrt_virtio *d, struct zrt_vq *q, unsigned index)
{
	return zrt_virtq_init_size(d, q, index, QUEUE_SIZE);
}

int zrt_virtq_init_size(struct zrt_virtio *d, struct zrt_vq *q, unsigned index, unsigned want)
{
	uint32_t max, size = want;
	uintptr_t avail_end, used_at, used_end;
	char *mem;
	uint64_t pa;

	wr(d, QUEUE_SEL, index);
	max = rd(d, QUEUE_NUM_MAX);
	if (max == 0)
		return -1;
	while (size > max)
		size /= 2;
	/* The legacy layout, which version 2 accepts as well. */
	avail_end = 16 * size + 6 + 2 * size;
	used_at = round_page(avail_end);
	used_end = used_at + round_page(6 + 8 * size);
	mem = zrt_pages_alloc(used_end / ZRT_PAGE);
	if (!mem)
		return -1;
	q->dev = d;
	q->index = index;
	q->size = (uint16_t)size;
	q->next_avail = 0;
	q->last_used = 0;
	q->desc = (volatile struct vring_desc *)mem;
	q->avail = (volatile struct vring_avail *)(mem + 16 * size);
	q->used = (volatile struct vring_used *)(mem + used_at);
	q->avail->flags = AVAIL_NO_INTERRUPT;
	pa = zrt_phys(mem);
	wr(d, QUEUE_NUM, size);
	if (d->version == 1) {
		wr(d, QUEUE_ALIGN, ZRT_PAGE);
		wr(d, QUEUE_PFN, (uint32_t)(pa / ZRT_PAGE));
	} else {
		uint64_t avail = pa + 16 * size, used = pa + used_at;

		wr(d, QUEUE_DESC_LOW, (uint32_t)pa);
		wr(d, QUEUE_DESC_HIGH, (uint32_t)(pa >> 32));
		wr(d, QUEUE_DRIVER_LOW, (uint32_t)avail);
		wr(d, QUEUE_DRIVER_HIGH, (uint32_t)(avail >> 32));
		wr(d, QUEUE_DEVICE_LOW, (uint32_t)used);
		wr(d, QUEUE_DEVICE_HIGH, (uint32_t)(used >> 32));
		wr(d, QUEUE_READY, 1);
	}
	return 0;
}

void zrt_virtio_ready(struct zrt_virtio *d)
{
	wr(d, STATUS, rd(d, STATUS) | S_DRIVER_OK);
}

long zrt_virtq_request(struct zrt_vq *q, const struct zrt_vbuf *bufs, int n)
{
	volatile struct vring_desc *desc = q->desc;
	uint32_t spins = 0;
	long written;
	int i;

	if (n < 1 || n > q->size)
		return -1;
	for (i = 0; i < n; i++) {
		desc[i].addr = zrt_phys(bufs[i].p);
		desc[i].len = bufs[i].len;
		desc[i].flags = (uint16_t)((i + 1 < n ? DESC_NEXT : 0) |
					   (bufs[i].device_writes ? DESC_WRITE : 0));
		desc[i].next = (uint16_t)(i + 1 < n ? i + 1 : 0);
	}
	q->avail->ring[q->next_avail % q->size] = 0;	/* the chain's head */
	zrt_barrier();
	q->avail->idx = ++q->next_avail;
	zrt_barrier();
	wr(q->dev, QUEUE_NOTIFY, q->index);
	while (q->used->idx == q->last_used) {
		zrt_cpu_relax();
		/* A device that has given up says so in its status. */
		if (++spins % 4096 == 0 && (rd(q->dev, STATUS) & (S_NEEDS_RESET | S_FAILED)))
			return -1;
	}
	zrt_barrier();
	written = q->used->ring[q->last_used % q->size].len;
	q->last_used++;
	return written;
}

/* ---- Queues of buffers the device fills when it likes (virtio-net's
 * receive queue): each buffer is its own one-descriptor chain, posted
 * once and posted again after its contents have been taken; the used
 * ring is looked at without waiting. */

void zrt_virtq_post(struct zrt_vq *q, uint16_t id, void *buf, uint32_t len)
{
	q->desc[id].addr = zrt_phys(buf);
	q->desc[id].len = len;
	q->desc[id].flags = DESC_WRITE;
	q->desc[id].next = 0;
	q->avail->ring[q->next_avail % q->size] = id;
	zrt_barrier();
	q->avail->idx = ++q->next_avail;
}

/* A chain of N buffers in descriptors HEAD..HEAD+N-1, made available
 * without waiting for it (a transmit queue with several frames out). */
void zrt_virtq_post_chain(struct zrt_vq *q, uint16_t head, const struct zrt_vbuf *bufs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		uint16_t d = (uint16_t)(head + i);

		q->desc[d].addr = zrt_phys(bufs[i].p);
		q->desc[d].len = bufs[i].len;
		q->desc[d].flags = (uint16_t)((i + 1 < n ? DESC_NEXT : 0) |
					      (bufs[i].device_writes ? DESC_WRITE : 0));
		q->desc[d].next = (uint16_t)(i + 1 < n ? d + 1 : 0);
	}
	q->avail->ring[q->next_avail % q->size] = head;
	zrt_barrier();
	q->avail->idx = ++q->next_avail;
}

/* Unless the device said it is looking anyway (VRING_USED_F_NO_NOTIFY,
 * a hint the spec allows us to take). */
void zrt_virtq_kick(struct zrt_vq *q)
{
	zrt_barrier();
	if (!(q->used->flags & USED_NO_NOTIFY))
		wr(q->dev, QUEUE_NOTIFY, q->index);
}

int zrt_virtq_take(struct zrt_vq *q, uint16_t *id, uint32_t *len)
{
	volatile struct vring_used_elem *e;

	if (q->used->idx == q->last_used)
		return 0;
	zrt_barrier();
	e = &q->used->ring[q->last_used % q->size];
	*id = (uint16_t)e->id;
	*len = e->len;
	q->last_used++;
	return 1;
}

uint8_t zrt_virtio_config8(struct zrt_virtio *d, unsigned offset)
{
	return *(volatile uint8_t *)(d->base + CONFIG + offset);
}

uint32_t zrt_virtio_config32(struct zrt_virtio *d, unsigned offset)
{
	return rd(d, CONFIG + offset);
}

/* Two 32-bit halves: read again if the device changed it in between
 * (version 2 counts changes; version 1 can only be read twice). */
uint64_t zrt_virtio_config64(struct zrt_virtio *d, unsigned offset)
{
	for (;;) {
		uint32_t gen = d->version == 2 ? rd(d, CONFIG_GENERATION) : 0;
		uint64_t v = rd(d, CONFIG + offset) | (uint64_t)rd(d, CONFIG + offset + 4) << 32;
		uint64_t again = rd(d, CONFIG + offset) | (uint64_t)rd(d, CONFIG + offset + 4) << 32;

		if (v == again && (d->version != 2 || gen == rd(d, CONFIG_GENERATION)))
			return v;
	}
}
