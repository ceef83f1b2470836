/*
 * runtime/guest/net/ipv4.c - IPv4 (RFC 791) and the Internet checksum
 * (RFC 1071).
 *
 * In:  Ethernet frames of type 0x0800 (ether.c); transport payloads to
 *      send (icmp.c, udp.c, tcp.c).
 * Out: ICMP, UDP and TCP payloads handed up with their addresses; IPv4
 *      packets handed down through ARP's next hop.
 *
 * Why it exists: the checks every packet must pass before a transport
 * sees it, in one place: version 4, a header length of at least 20
 * bytes within the packet, a total length within the frame (Ethernet
 * pads short frames, so the total length is what counts), a correct
 * header checksum, addressed to us or broadcast.  Fragments are dropped
 * (we never send packets over 1500 bytes, and TCP's MSS keeps peers from
 * sending them); so are options' contents, which are skipped.
 * Packets go out with DF set, TTL 64, and an identification counter.
 */
#include "net.h"

static uint16_t next_id = 1;

uint32_t zrt_csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	while (n > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		n -= 2;
	}
	if (n)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint16_t zrt_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t zrt_csum_pseudo(uint32_t src, uint32_t dst, uint8_t proto, size_t len)
{
	return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + proto + (uint32_t)len;
}

int zrt_ip_is_local(uint32_t dst)
{
	uint32_t m = zrt_netif.mask;

	return dst == zrt_netif.ip || dst == 0xffffffffu ||
	       ((dst & m) == (zrt_netif.ip & m) && (dst & ~m) == ~m && m != 0xffffffffu);
}

void zrt_ip_input(const uint8_t *frame, size_t n)
{
	const uint8_t *ip = frame + ETH_HDR;
	size_t len = n - ETH_HDR, hl, total;
	uint32_t src, dst;

	if (len < IP_HDR || (ip[0] >> 4) != 4)
		return;
	hl = (size_t)(ip[0] & 15) * 4;
	total = get16(ip + 2);
	if (hl < IP_HDR || total < hl || total > len)
		return;
	if (zrt_csum_fold(zrt_csum_add(0, ip, hl)) != 0)
		return;
	if ((get16(ip + 6) & 0x3fff) != 0)
		return;		/* a fragment (MF set, or an offset) */
	src = get32(ip + 12);
	dst = get32(ip + 16);
	if (!zrt_ip_is_local(dst) || src == 0xffffffffu)
		return;
	if ((src & zrt_netif.mask) == (zrt_netif.ip & zrt_netif.mask))
		zrt_arp_learn(src, frame + 6);
	switch (ip[9]) {
	case IP_PROTO_ICMP:
		if (dst == zrt_netif.ip)
			zrt_icmp_input(src, ip + hl, total - hl);
		break;
	case IP_PROTO_UDP:
		zrt_udp_input(src, dst, ip + hl, total - hl);
		break;
	case IP_PROTO_TCP:
		if (dst == zrt_netif.ip)
			zrt_tcp_input(src, dst, ip + hl, total - hl);
		break;
	}
}

int zrt_ip_output(uint8_t *frame, uint32_t dst, uint8_t proto, size_t n)
{
	uint8_t *ip = frame + ETH_HDR;
	uint8_t mac[6];

	if (n > ETH_MTU - IP_HDR)
		return ZRT_NET_ESIZE;
	if (!zrt_arp_resolve(dst, mac))
		return ZRT_NET_EUNREACH;
	ip[0] = 0x45;
	ip[1] = 0;
	put16(ip + 2, (uint16_t)(IP_HDR + n));
	put16(ip + 4, next_id++);
	put16(ip + 6, 0x4000);		/* don't fragment */
	ip[8] = 64;
	ip[9] = proto;
	put16(ip + 10, 0);
	put32(ip + 12, zrt_netif.ip);
	put32(ip + 16, dst);
	put16(ip + 10, zrt_csum_fold(zrt_csum_add(0, ip, IP_HDR)));
	zrt_ether_output(frame, mac, ETH_TYPE_IP, IP_HDR + n);
	return 0;
}
