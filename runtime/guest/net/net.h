/*
 * runtime/guest/net/net.h - what the layers of the guest's TCP/IP stack
 * offer each other.
 *
 * In:  guest.h (the virtio transport, the clock), runtime/net.h (the
 *      error codes the socket calls return).
 * Out: the interface's configuration, frame I/O (virtio-net.c), and each
 *      protocol's input and output: ether.c, arp.c, ipv4.c, icmp.c,
 *      udp.c, tcp.c; socket.c puts the socket calls of runtime/net.h on
 *      top.
 *
 * Why it exists: one header for the small stack, so each protocol can
 * sit in a file of its own and the order of the layers is written down
 * once:
 *
 *     socket.c  -> tcp.c / udp.c (+ dhcp.c) -> ipv4.c (+ icmp.c) -> arp.c
 *               -> ether.c -> virtio-net.c -> the device
 *
 * Everything is polled (the guest never enables interrupts): frames are
 * taken from the device's receive queue whenever a socket call waits
 * (zrt_net_poll), and TCP's timers run from the same loop.  So the guest
 * answers ARP, pings and segments only while the program is inside a
 * network call; a program busy computing is silent until it next calls
 * one, which TCP's retransmissions cover.
 *
 * Frames are handled one at a time in a buffer the caller owns; nothing
 * is kept pointing into a received frame after its input function
 * returns.  Every length and offset read from a frame is checked against
 * the frame's real length before use: a malformed frame is dropped.
 *
 * Byte order: addresses and ports are host order in the stack's structs,
 * network order only in the frames (get16/put16 and friends).
 */
#ifndef ZOOT_GUEST_NET_H
#define ZOOT_GUEST_NET_H

#include <stddef.h>
#include <stdint.h>
#include "../guest.h"
#include "../../net.h"

#define ETH_HDR 14
#define ETH_MTU 1500
#define ETH_FRAME (ETH_HDR + ETH_MTU)
#define IP_HDR 20
#define ETH_TYPE_IP 0x0800
#define ETH_TYPE_ARP 0x0806
#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17

static inline uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* ---- The interface (virtio-net.c) ------------------------------------ */

struct zrt_netif {
	uint8_t mac[6];
	uint32_t ip, mask, gw;	/* host order */
};

extern struct zrt_netif zrt_netif;

/* Bring the device up the first time (0), or why not (ZRT_NET_E*). */
int zrt_net_up(void);
/* Hand one frame (N bytes at FRAME, headers included) to the device. */
void zrt_net_transmit(const uint8_t *frame, size_t n);
/* Take the frames that have arrived and run the timers; returns how
 * many frames were taken.  ARP_ONLY drops every frame that is not ARP
 * (while waiting for an ARP reply, nothing else may run). */
int zrt_net_poll(int arp_only);
/* Poll until DONE(ARG) holds or the clock passes DEADLINE (0: never);
 * 1 when it held. */
int zrt_net_wait(int (*done)(void *), void *arg, uint64_t deadline);
uint64_t zrt_net_ms(void);	/* milliseconds since boot */

/* ---- Ethernet (ether.c) ---------------------------------------------- */

void zrt_ether_input(const uint8_t *frame, size_t n, int arp_only);
/* FRAME has room for a whole frame; its payload of N bytes starts at
 * ETH_HDR.  Fills in the header and transmits. */
void zrt_ether_output(uint8_t *frame, const uint8_t dst[6], uint16_t type, size_t n);

/* ---- ARP (arp.c) ----------------------------------------------------- */

void zrt_arp_input(const uint8_t *p, size_t n);
/* The hardware address of the next hop towards IP, asking and waiting
 * when it is not known; 0 when nobody answers. */
int zrt_arp_resolve(uint32_t ip, uint8_t mac[6]);
/* Remember IP's address (gleaned from a frame it sent). */
void zrt_arp_learn(uint32_t ip, const uint8_t mac[6]);

/* ---- IPv4 (ipv4.c) --------------------------------------------------- */

/* The ones' complement sum of N bytes, added to SUM (not folded). */
uint32_t zrt_csum_add(uint32_t sum, const uint8_t *p, size_t n);
uint16_t zrt_csum_fold(uint32_t sum);
/* The sum of the pseudo-header TCP and UDP checksums cover. */
uint32_t zrt_csum_pseudo(uint32_t src, uint32_t dst, uint8_t proto, size_t len);

void zrt_ip_input(const uint8_t *frame, size_t n);
/* FRAME's transport payload of N bytes starts at ETH_HDR + IP_HDR;
 * adds the IP header and sends it towards DST.  0, or
 * ZRT_NET_EUNREACH when the next hop does not answer ARP. */
int zrt_ip_output(uint8_t *frame, uint32_t dst, uint8_t proto, size_t n);
/* Whether DST is this interface's (or a broadcast). */
int zrt_ip_is_local(uint32_t dst);

/* ---- DHCP (dhcp.c) --------------------------------------------------- */

/* Ask for the interface's address; 0 or ZRT_NET_ENOADDR. */
int zrt_dhcp(void);

/* ---- ICMP, UDP, TCP -------------------------------------------------- */

void zrt_icmp_input(uint32_t src, const uint8_t *p, size_t n);
void zrt_udp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t n);
void zrt_tcp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t n);
void zrt_tcp_timers(uint64_t now_ms);

/* The socket calls' halves in udp.c and tcp.c (socket.c maps handles
 * onto these slots). */
int zrt_udp_open(uint32_t addr, unsigned port);
long zrt_udp_send(int slot, uint32_t addr, unsigned port, const void *p, size_t n);
long zrt_udp_receive(int slot, void *buf, size_t max, uint32_t *addr, unsigned *port);
int zrt_udp_pending(int slot);	/* datagrams queued */
void zrt_udp_close(int slot);
unsigned zrt_udp_port(int slot);

int zrt_tcp_listen(uint32_t addr, unsigned port);
int zrt_tcp_accept(int listener, uint32_t *addr, unsigned *port);
int zrt_tcp_connect(uint32_t addr, unsigned port);
long zrt_tcp_send(int conn, const void *p, size_t n);
long zrt_tcp_receive(int conn, void *buf, size_t max);
int zrt_tcp_shutdown(int conn);
void zrt_tcp_close(int conn);
void zrt_tcp_unlisten(int listener);
unsigned zrt_tcp_listener_port(int listener);
unsigned zrt_tcp_local_port(int conn);

/* A port for a socket bound to port 0 (49152 and up), not in use by
 * PROTO. */
unsigned zrt_net_ephemeral_port(int proto);
int zrt_udp_port_used(unsigned port);
int zrt_tcp_port_used(unsigned port);

#endif
