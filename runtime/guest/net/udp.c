/*
 * runtime/guest/net/udp.c - UDP (RFC 768).
 *
 * In:  UDP datagrams from ipv4.c; the socket calls' UDP half (socket.c).
 * Out: datagrams queued on the socket bound to their port, or dropped;
 *      datagrams sent.
 *
 * Why it exists: a program's udp-send and udp-receive.  SOCKETS sockets,
 * each with a queue of QUEUE datagrams (an arriving datagram finds the
 * queue full: it is dropped, as UDP allows).  A nonzero checksum is
 * checked, and ours is always computed.  A socket bound to a specific
 * address gets only datagrams for it; one bound to 0.0.0.0 gets the
 * broadcasts too.
 */
#include <stdlib.h>
#include <string.h>
#include "net.h"

#define SOCKETS 16
#define QUEUE 8

struct datagram {
	uint32_t src;
	uint16_t sport;
	uint16_t len;
	uint8_t data[ZRT_NET_UDP_MAX];
};

struct usock {
	int used;
	uint32_t addr;
	unsigned port;
	struct datagram *queue;		/* QUEUE of them, malloc'ed */
	unsigned head, count;
};

static struct usock socks[SOCKETS];

int zrt_udp_port_used(unsigned port)
{
	int i;

	for (i = 0; i < SOCKETS; i++)
		if (socks[i].used && socks[i].port == port)
			return 1;
	return 0;
}

int zrt_udp_open(uint32_t addr, unsigned port)
{
	int i;

	if (addr != 0 && addr != zrt_netif.ip)
		return ZRT_NET_EADDR;
	if (port == 0)
		port = zrt_net_ephemeral_port(IP_PROTO_UDP);
	else if (zrt_udp_port_used(port))
		return ZRT_NET_EINUSE;
	for (i = 0; i < SOCKETS; i++)
		if (!socks[i].used)
			break;
	if (i == SOCKETS || !(socks[i].queue = malloc(QUEUE * sizeof(struct datagram))))
		return ZRT_NET_ENOMEM;
	socks[i].used = 1;
	socks[i].addr = addr;
	socks[i].port = port;
	socks[i].head = socks[i].count = 0;
	return i;
}

void zrt_udp_close(int slot)
{
	free(socks[slot].queue);
	memset(&socks[slot], 0, sizeof(socks[slot]));
}

unsigned zrt_udp_port(int slot)
{
	return socks[slot].port;
}

void zrt_udp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t n)
{
	unsigned dport, len;
	struct datagram *d;
	int i;

	if (n < 8)
		return;
	len = get16(p + 4);
	if (len < 8 || len > n)
		return;
	if (get16(p + 6) != 0 &&
	    zrt_csum_fold(zrt_csum_add(zrt_csum_pseudo(src, dst, IP_PROTO_UDP, len), p, len)) != 0)
		return;
	dport = get16(p + 2);
	for (i = 0; i < SOCKETS; i++)
		if (socks[i].used && socks[i].port == dport && (socks[i].addr == 0 || socks[i].addr == dst))
			break;
	if (i == SOCKETS || socks[i].count == QUEUE || len - 8 > ZRT_NET_UDP_MAX)
		return;
	d = &socks[i].queue[(socks[i].head + socks[i].count++) % QUEUE];
	d->src = src;
	d->sport = get16(p);
	d->len = (uint16_t)(len - 8);
	memcpy(d->data, p + 8, len - 8);
}

long zrt_udp_send(int slot, uint32_t addr, unsigned port, const void *data, size_t n)
{
	static uint8_t frame[ETH_FRAME];
	uint8_t *u = frame + ETH_HDR + IP_HDR;
	uint16_t sum;
	int err;

	if (n > ZRT_NET_UDP_MAX)
		return ZRT_NET_ESIZE;
	put16(u, (uint16_t)socks[slot].port);
	put16(u + 2, (uint16_t)port);
	put16(u + 4, (uint16_t)(8 + n));
	put16(u + 6, 0);
	memcpy(u + 8, data, n);
	sum = zrt_csum_fold(zrt_csum_add(zrt_csum_pseudo(zrt_netif.ip, addr, IP_PROTO_UDP, 8 + n), u, 8 + n));
	put16(u + 6, sum ? sum : 0xffff);
	err = zrt_ip_output(frame, addr, IP_PROTO_UDP, 8 + n);
	return err < 0 ? err : (long)n;
}

int zrt_udp_pending(int slot)
{
	return (int)socks[slot].count;
}

static int has_datagram(void *arg)
{
	return socks[*(int *)arg].count > 0;
}

long zrt_udp_receive(int slot, void *buf, size_t max, uint32_t *addr, unsigned *port)
{
	struct usock *s = &socks[slot];
	struct datagram *d;
	size_t k;

	zrt_net_wait(has_datagram, &slot, 0);
	d = &s->queue[s->head];
	k = d->len < max ? d->len : max;
	memcpy(buf, d->data, k);
	*addr = d->src;
	*port = d->sport;
	s->head = (s->head + 1) % QUEUE;
	s->count--;
	return (long)k;
}
