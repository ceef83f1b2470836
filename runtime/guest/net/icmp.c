/*
 * runtime/guest/net/icmp.c - ICMP echo (RFC 792): the guest answers
 * ping.
 *
 * In:  ICMP messages addressed to us (ipv4.c).
 * Out: an echo reply for each well-formed echo request: same
 *      identifier, sequence number and data.
 *
 * Why it exists: so the host can ping the guest.  Everything else ICMP
 * carries (unreachables, redirects) is dropped: TCP's timeouts cover
 * what an unreachable would tell us sooner.
 */
#include <string.h>
#include "net.h"

void zrt_icmp_input(uint32_t src, const uint8_t *p, size_t n)
{
	static uint8_t frame[ETH_FRAME];
	uint8_t *out = frame + ETH_HDR + IP_HDR;

	if (n < 8 || n > ETH_MTU - IP_HDR || p[0] != 8 || p[1] != 0)
		return;
	if (zrt_csum_fold(zrt_csum_add(0, p, n)) != 0)
		return;
	memcpy(out, p, n);
	out[0] = 0;			/* echo reply */
	put16(out + 2, 0);
	put16(out + 2, zrt_csum_fold(zrt_csum_add(0, out, n)));
	zrt_ip_output(frame, src, IP_PROTO_ICMP, n);
}
