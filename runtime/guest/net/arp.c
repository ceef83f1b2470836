/*
 * runtime/guest/net/arp.c - the Address Resolution Protocol (RFC 826),
 * for IPv4 over Ethernet.
 *
 * In:  ARP packets from ether.c; next-hop addresses to resolve, from
 *      ipv4.c; addresses gleaned from IPv4 frames.
 * Out: replies to requests for our address; requests of our own; a
 *      small cache of IPv4 -> Ethernet addresses.
 *
 * Why it exists: every IPv4 packet needs the hardware address of its
 * next hop.  The cache has CACHE entries, replaced oldest first.  An
 * entry does not expire (a guest's neighbours are QEMU's gateway or the
 * peers of a test's namespace), but any ARP packet from a station
 * updates its entry.
 *
 * Resolving an unknown address sends a request and waits for the reply
 * by polling with only ARP frames let through (so no other protocol's
 * input runs inside an output call); frames of other kinds that arrive
 * meanwhile are dropped, and TCP sends them again.  Three tries, 300 ms
 * each.
 */
#include <string.h>
#include "net.h"

#define CACHE 16
#define TRIES 3
#define TRY_MS 300

struct entry {
	uint32_t ip;
	uint8_t mac[6];
	int used;
};

static struct entry cache[CACHE];
static unsigned next_victim;

static struct entry *lookup(uint32_t ip)
{
	int i;

	for (i = 0; i < CACHE; i++)
		if (cache[i].used && cache[i].ip == ip)
			return &cache[i];
	return NULL;
}

void zrt_arp_learn(uint32_t ip, const uint8_t mac[6])
{
	struct entry *e = lookup(ip);

	if (ip == 0 || ip == 0xffffffffu || (mac[0] & 1))
		return;		/* never a multicast or broadcast station */
	if (!e) {
		e = &cache[next_victim++ % CACHE];
		e->ip = ip;
		e->used = 1;
	}
	memcpy(e->mac, mac, 6);
}

/* An ARP packet for Ethernet and IPv4: OP, to TMAC/TIP, from us. */
static void send_arp(uint16_t op, const uint8_t tmac[6], uint32_t tip, const uint8_t dst[6])
{
	uint8_t frame[64];
	uint8_t *p = frame + ETH_HDR;

	put16(p, 1);			/* hardware: Ethernet */
	put16(p + 2, ETH_TYPE_IP);
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, op);
	memcpy(p + 8, zrt_netif.mac, 6);
	put32(p + 14, zrt_netif.ip);
	memcpy(p + 18, tmac, 6);
	put32(p + 24, tip);
	zrt_ether_output(frame, dst, ETH_TYPE_ARP, 28);
}

void zrt_arp_input(const uint8_t *p, size_t n)
{
	uint32_t sip, tip;
	uint16_t op;

	if (n < 28 || get16(p) != 1 || get16(p + 2) != ETH_TYPE_IP || p[4] != 6 || p[5] != 4)
		return;
	op = get16(p + 6);
	sip = get32(p + 14);
	tip = get32(p + 24);
	if (sip != 0 && (sip & zrt_netif.mask) == (zrt_netif.ip & zrt_netif.mask))
		zrt_arp_learn(sip, p + 8);
	if (op == 1 && tip == zrt_netif.ip && sip != 0)
		send_arp(2, p + 8, sip, p + 8);
}

int zrt_arp_resolve(uint32_t ip, uint8_t mac[6])
{
	static const uint8_t any[6] = { 0, 0, 0, 0, 0, 0 };
	static const uint8_t all[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct entry *e;
	int try;

	if (ip == 0xffffffffu || (ip != zrt_netif.ip && zrt_ip_is_local(ip))) {
		memcpy(mac, all, 6);
		return 1;
	}
	if ((ip & zrt_netif.mask) != (zrt_netif.ip & zrt_netif.mask))
		ip = zrt_netif.gw;
	for (try = 0; try <= TRIES; try++) {
		uint64_t until = zrt_net_ms() + TRY_MS;

		if ((e = lookup(ip)) != NULL) {
			memcpy(mac, e->mac, 6);
			return 1;
		}
		if (try == TRIES)
			break;
		send_arp(1, any, ip, all);
		while (!lookup(ip) && zrt_net_ms() < until)
			if (!zrt_net_poll(1))
				zrt_cpu_relax();
	}
	return 0;
}
