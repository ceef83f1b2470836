/*
 * runtime/guest/net/ether.c - Ethernet II framing.
 *
 * In:  frames from the device (virtio-net.c); payloads to send with
 *      their destination and EtherType.
 * Out: ARP and IPv4 payloads handed up (arp.c, ipv4.c); frames with a
 *      header of ours handed down.
 *
 * Why it exists: the one place that knows the 14-byte header
 * (destination, source, type).  A frame for another station (a tap
 * device sees a bridge's traffic), a runt, or a type we do not speak is
 * dropped.  802.1Q tags are not spoken: such frames are dropped too.
 */
#include <string.h>
#include "net.h"

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void zrt_ether_input(const uint8_t *frame, size_t n, int arp_only)
{
	uint16_t type;

	if (n < ETH_HDR)
		return;
	if (memcmp(frame, zrt_netif.mac, 6) != 0 && memcmp(frame, broadcast, 6) != 0)
		return;
	type = get16(frame + 12);
	if (type == ETH_TYPE_ARP)
		zrt_arp_input(frame + ETH_HDR, n - ETH_HDR);
	else if (type == ETH_TYPE_IP && !arp_only)
		zrt_ip_input(frame, n);
}

void zrt_ether_output(uint8_t *frame, const uint8_t dst[6], uint16_t type, size_t n)
{
	size_t len = ETH_HDR + n;

	memcpy(frame, dst, 6);
	memcpy(frame + 6, zrt_netif.mac, 6);
	put16(frame + 12, type);
	/* The minimum frame (without its CRC) is 60 bytes. */
	if (len < 60) {
		memset(frame + len, 0, 60 - len);
		len = 60;
	}
	zrt_net_transmit(frame, len);
}
