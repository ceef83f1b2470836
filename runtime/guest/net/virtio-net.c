/*
 * runtime/guest/net/virtio-net.c - the guest's network interface.
 *
 * In:  the first virtio network device found at boot (zrt_net_attach);
 *      ZOOT_NET from the command line's environment: "ip=A.B.C.D/N,gw=G"
 *      (either part may be left out; the default is QEMU's user
 *      network: 10.0.2.15/24, gateway 10.0.2.2), or "dhcp" (dhcp.c).
 * Out: the interface's MAC and address (zrt_netif), frames out
 *      (zrt_net_transmit), frames in and the timers (zrt_net_poll,
 *      zrt_net_wait).
 *
 * Why it exists: virtio-net (device type 1, virtio 1.x section 5.1) is
 * the guest's way onto a network.  It has a receive queue (0) and a
 * transmit queue (1); every frame on either is preceded by a struct
 * virtio_net_hdr, 10 bytes in the legacy layout without
 * VIRTIO_NET_F_MRG_RXBUF and 12 once VIRTIO_F_VERSION_1 is negotiated
 * (num_buffers is then always there).  We ask for VIRTIO_NET_F_MAC only
 * (the address is then the first six bytes of the configuration space),
 * no offloads, so every frame is whole and checksummed by us.
 *
 * The receive queue holds RX_BUFFERS buffers of 2 KiB, each its own
 * descriptor, posted at start and posted again once the frame in it has
 * been handled.  The transmit queue has TX_SLOTS frames in flight: each
 * slot is a copy of the frame behind a header, in two descriptors (as a
 * legacy device without VIRTIO_F_ANY_LAYOUT wants them), made available
 * without waiting; a slot is free again once the device has used it
 * (looked at when a frame needs a slot).  Waiting for each frame instead
 * held a bulk transfer to a third of the rate.
 *
 * Polling, not interrupts: the guest never enables interrupts (see
 * guest.h), and a program only needs the network while it is in a
 * network call, which is where the stack polls.  The price: a socket call
 * that waits keeps the virtual CPU busy (QEMU then uses a host core),
 * and nothing is answered while the program computes.  The device is
 * set up when a program first uses the network, so a program that does
 * not pays nothing at boot.
 */
#include <stdlib.h>
#include <string.h>
#include "net.h"

#define NET_F_MAC ((uint64_t)1 << 5)
#define RX_BUFFERS 32u
#define RX_SIZE 2048u
#define HDR_MAX 12u
#define TX_SLOTS 16u
#define TX_SIZE 2048u

struct zrt_netif zrt_netif;

static struct zrt_virtio *device;
static struct zrt_vq rxq, txq;
static uint8_t *rx_memory;
static size_t hdr_len;
static int state;		/* 0 not yet, 1 up, negative: why not */
static int use_dhcp;
static uint8_t *tx_memory;	/* TX_SLOTS * TX_SIZE: header, frame */
static int tx_busy[TX_SLOTS];
static unsigned tx_next;

void zrt_net_attach(struct zrt_virtio *devs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (devs[i].id == VIRTIO_ID_NET) {
			device = &devs[i];
			return;
		}
}

uint64_t zrt_net_ms(void)
{
	return zrt_arch_nanoseconds() / 1000000u;
}

/* "a.b.c.d" at *S (advanced past it) into *ADDR; 0 when it is not one. */
static int parse_addr(const char **s, uint32_t *addr)
{
	uint32_t a = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		while (**s >= '0' && **s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*(*s)++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return 0;
		a = a << 8 | v;
		if (part < 3 && *(*s)++ != '.')
			return 0;
	}
	*addr = a;
	return 1;
}

/* ZOOT_NET's "ip=A/N,gw=G"; a malformed setting is refused (0). */
static int configure(const char *s)
{
	uint32_t bits = 24;

	zrt_netif.ip = 0x0a00020f;	/* 10.0.2.15 */
	zrt_netif.gw = 0x0a000202;	/* 10.0.2.2 */
	while (s && *s) {
		if (strncmp(s, "dhcp", 4) == 0 && (s[4] == ',' || s[4] == '\0')) {
			use_dhcp = 1;
			s += 4;
		} else if (strncmp(s, "ip=", 3) == 0) {
			s += 3;
			if (!parse_addr(&s, &zrt_netif.ip))
				return 0;
			if (*s == '/') {
				s++;
				bits = 0;
				while (*s >= '0' && *s <= '9' && bits <= 32)
					bits = bits * 10 + (uint32_t)(*s++ - '0');
				if (bits < 1 || bits > 32)
					return 0;
			}
		} else if (strncmp(s, "gw=", 3) == 0) {
			s += 3;
			if (!parse_addr(&s, &zrt_netif.gw))
				return 0;
		} else {
			return 0;
		}
		if (*s == ',')
			s++;
		else if (*s)
			return 0;
	}
	zrt_netif.mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
	return 1;
}

static int bring_up(void)
{
	unsigned i;

	if (!device)
		return ZRT_NET_ENODEV;
	if (!configure(getenv("ZOOT_NET")))
		return ZRT_NET_ECONFIG;
	if (zrt_virtio_begin(device, NET_F_MAC) != 0 ||
	    zrt_virtq_init_size(device, &rxq, 0, RX_BUFFERS) != 0 ||
	    zrt_virtq_init_size(device, &txq, 1, 2 * TX_SLOTS) != 0 || txq.size < 2 * TX_SLOTS)
		return ZRT_NET_ENODEV;
	hdr_len = device->version == 2 ? 12 : 10;
	for (i = 0; i < 6; i++)
		zrt_netif.mac[i] = device->features & NET_F_MAC ? zrt_virtio_config8(device, i)
			: (uint8_t)(i == 0 ? 0x52 : i == 1 ? 0x54 : i + 0x10);
	rx_memory = zrt_pages_alloc(rxq.size * RX_SIZE / ZRT_PAGE);
	tx_memory = zrt_pages_alloc(TX_SLOTS * TX_SIZE / ZRT_PAGE);
	if (!rx_memory || !tx_memory)
		return ZRT_NET_ENOMEM;
	for (i = 0; i < rxq.size; i++)
		zrt_virtq_post(&rxq, (uint16_t)i, rx_memory + i * RX_SIZE, RX_SIZE);
	zrt_virtio_ready(device);
	zrt_virtq_kick(&rxq);
	return 1;
}

int zrt_net_up(void)
{
	if (state == 0) {
		state = bring_up();
		if (state == 1 && use_dhcp) {
			zrt_netif.ip = zrt_netif.mask = zrt_netif.gw = 0;
			if (zrt_dhcp() < 0)
				state = ZRT_NET_ENOADDR;
		}
	}
	return state == 1 ? 0 : state;
}

/* The slots the device has finished with. */
static void tx_reclaim(void)
{
	uint16_t id;
	uint32_t len;

	while (zrt_virtq_take(&txq, &id, &len))
		tx_busy[(id / 2) % TX_SLOTS] = 0;
}

/* A free slot, waiting (a bounded while) for the device to free one;
 * -1 when it frees none (a broken device: the frame is dropped, as a
 * full queue would drop it). */
static int tx_slot(void)
{
	unsigned spins;

	for (spins = 0; spins < 1u << 24; spins++) {
		unsigned i;

		tx_reclaim();
		for (i = 0; i < TX_SLOTS; i++) {
			unsigned s = (tx_next + i) % TX_SLOTS;

			if (!tx_busy[s]) {
				tx_next = s + 1;
				return (int)s;
			}
		}
		zrt_cpu_relax();
	}
	return -1;
}

void zrt_net_transmit(const uint8_t *frame, size_t n)
{
	struct zrt_vbuf b[2];
	uint8_t *mem;
	int s;

	if (state != 1 || n > ETH_FRAME || (s = tx_slot()) < 0)
		return;
	mem = tx_memory + (size_t)s * TX_SIZE;
	memset(mem, 0, HDR_MAX);	/* no offloads */
	memcpy(mem + HDR_MAX, frame, n);
	b[0].p = mem;
	b[0].len = (uint32_t)hdr_len;
	b[0].device_writes = 0;
	b[1].p = mem + HDR_MAX;
	b[1].len = (uint32_t)n;
	b[1].device_writes = 0;
	tx_busy[s] = 1;
	zrt_virtq_post_chain(&txq, (uint16_t)(2 * s), b, 2);
	zrt_virtq_kick(&txq);
}

#define POLL_BATCH 64

int zrt_net_poll(int arp_only)
{
	uint16_t id;
	uint32_t len;
	int n = 0;

	if (state != 1)
		return 0;
	while (n < POLL_BATCH && zrt_virtq_take(&rxq, &id, &len)) {
		uint8_t *buf = rx_memory + (size_t)(id % rxq.size) * RX_SIZE;

		n++;
		if (len > hdr_len && len <= RX_SIZE)
			zrt_ether_input(buf + hdr_len, len - hdr_len, arp_only);
		zrt_virtq_post(&rxq, id % rxq.size, buf, RX_SIZE);
	}
	if (n)
		zrt_virtq_kick(&rxq);
	if (!arp_only)
		zrt_tcp_timers(zrt_net_ms());
	return n;
}

int zrt_net_wait(int (*done)(void *), void *arg, uint64_t deadline)
{
	for (;;) {
		if (done(arg))
			return 1;
		if (deadline && zrt_net_ms() >= deadline)
			return 0;
		if (!zrt_net_poll(0))
			zrt_cpu_relax();
	}
}
