/*
 * runtime/guest/net/dhcp.c - the interface's address from DHCP (RFC
 * 2131, options from RFC 2132).
 *
 * In:  an interface that is up but has no address (ZOOT_NET=dhcp,
 *      virtio-net.c); UDP (udp.c) on port 68.
 * Out: zrt_netif's address, netmask and gateway from a server's
 *      DHCPACK: DISCOVER, OFFER, REQUEST, ACK.
 *
 * Why it exists: QEMU's user network (and any DHCP server on a tap's
 * network) hands out addresses; asking is what a guest does when it
 * does not know its own.  Both our messages set the BROADCAST flag, so
 * the server's answers come to 255.255.255.255, which the interface
 * accepts before it has an address.  TRIES discovers, TRY_MS apart; the
 * lease is not renewed (a guest lives minutes, the leases a day).
 * Answers that are not for our transaction, not well formed, or not an
 * OFFER/ACK are ignored.
 */
#include <string.h>
#include "net.h"

#define TRIES 4
#define TRY_MS 1000u
#define MSG 300
#define COOKIE 0x63825363u

enum { DISCOVER = 1, OFFER = 2, REQUEST = 3, ACK = 5, NAK = 6 };

struct lease {
	uint32_t ip, mask, gw, server;
	int type;
};

static size_t message(uint8_t *m, uint32_t xid, int type, const struct lease *offer)
{
	size_t o = 240;

	memset(m, 0, MSG);
	m[0] = 1;		/* BOOTREQUEST */
	m[1] = 1;		/* Ethernet */
	m[2] = 6;
	put32(m + 4, xid);
	put16(m + 10, 0x8000);	/* answer by broadcast */
	memcpy(m + 28, zrt_netif.mac, 6);
	put32(m + 236, COOKIE);
	m[o++] = 53;
	m[o++] = 1;
	m[o++] = (uint8_t)type;
	if (offer) {
		m[o++] = 50;	/* requested address */
		m[o++] = 4;
		put32(m + o, offer->ip);
		o += 4;
		m[o++] = 54;	/* server identifier */
		m[o++] = 4;
		put32(m + o, offer->server);
		o += 4;
	}
	m[o++] = 55;		/* parameters: mask, router */
	m[o++] = 2;
	m[o++] = 1;
	m[o++] = 3;
	m[o++] = 255;
	return MSG;
}

/* An answer to XID, read into *L; 0 when it is not one. */
static int parse(const uint8_t *m, size_t n, uint32_t xid, struct lease *l)
{
	size_t o = 240;

	if (n < 240 || m[0] != 2 || get32(m + 4) != xid || get32(m + 236) != COOKIE ||
	    memcmp(m + 28, zrt_netif.mac, 6) != 0)
		return 0;
	memset(l, 0, sizeof(*l));
	l->ip = get32(m + 16);
	while (o < n && m[o] != 255) {
		unsigned code = m[o], len;

		if (code == 0) {
			o++;
			continue;
		}
		if (o + 1 >= n || o + 2 + m[o + 1] > n)
			return 0;
		len = m[o + 1];
		if (code == 53 && len == 1)
			l->type = m[o + 2];
		else if (code == 1 && len == 4)
			l->mask = get32(m + o + 2);
		else if (code == 3 && len >= 4)
			l->gw = get32(m + o + 2);
		else if (code == 54 && len == 4)
			l->server = get32(m + o + 2);
		o += 2 + len;
	}
	return l->type != 0 && l->ip != 0;
}

/* Send a message of TYPE and wait (TRY_MS) for an answer of WANT. */
static int exchange(int sock, uint32_t xid, int type, const struct lease *offer,
		    int want, struct lease *got)
{
	uint8_t m[ZRT_NET_UDP_MAX];
	uint64_t until = zrt_net_ms() + TRY_MS;

	message(m, xid, type, offer);
	if (zrt_udp_send(sock, 0xffffffffu, 67, m, MSG) < 0)
		return 0;
	while (zrt_net_ms() < until) {
		uint32_t from;
		unsigned port;
		long k;

		if (!zrt_udp_pending(sock)) {
			if (!zrt_net_poll(0))
				zrt_cpu_relax();
			continue;
		}
		k = zrt_udp_receive(sock, m, sizeof(m), &from, &port);
		if (k > 0 && parse(m, (size_t)k, xid, got) && (got->type == want || got->type == NAK))
			return got->type == want;
	}
	return 0;
}

int zrt_dhcp(void)
{
	struct lease offer, ack;
	int sock = zrt_udp_open(0, 68), try, ok = 0;
	uint32_t xid = (uint32_t)zrt_arch_nanoseconds() ^ get32(zrt_netif.mac + 2);

	if (sock < 0)
		return sock;
	for (try = 0; try < TRIES && !ok; try++, xid++)
		ok = exchange(sock, xid, DISCOVER, NULL, OFFER, &offer) &&
		     exchange(sock, xid, REQUEST, &offer, ACK, &ack);
	zrt_udp_close(sock);
	if (!ok)
		return ZRT_NET_ENOADDR;
	zrt_netif.ip = ack.ip;
	zrt_netif.mask = ack.mask ? ack.mask : 0xffffff00u;
	zrt_netif.gw = ack.gw;
	return 0;
}
