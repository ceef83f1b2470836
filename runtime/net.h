/*
 * runtime/net.h - the sockets a Zoot program uses, on any platform.
 *
 * In:  nothing (declarations only).
 * Out: the platform's socket operations, in C types: runtime/host/net.c
 *      implements them with BSD sockets from libc, runtime/guest/net/
 *      with the guest's own TCP/IP stack over virtio-net; runtime/net.c
 *      turns them into the primitives language/net.zt calls.
 *
 * Why it exists: a program's network code must behave the same hosted
 * and as a guest, so both platforms offer exactly this, with the same
 * error codes (each platform maps its own failures onto them, so the
 * messages a program sees are the same).
 *
 * Handles are small non-negative integers; addresses are IPv4 in host
 * byte order; every call that can fail returns a negative ZRT_NET_E*.
 * Every call blocks until it is done: accept until a connection comes,
 * receive until bytes or the end come, send until the bytes are taken,
 * connect until the connection is made or refused.
 */
#ifndef ZOOT_NET_H
#define ZOOT_NET_H

#include <stddef.h>
#include <stdint.h>

enum {
	ZRT_NET_EREFUSED = -1,	/* connection refused */
	ZRT_NET_ERESET = -2,	/* connection reset by peer */
	ZRT_NET_ETIMEDOUT = -3,	/* the peer stopped answering */
	ZRT_NET_EINUSE = -4,	/* address already in use */
	ZRT_NET_EUNREACH = -5,	/* no route to host */
	ZRT_NET_ENODEV = -6,	/* no network device */
	ZRT_NET_ENOMEM = -7,	/* too many sockets / no memory */
	ZRT_NET_ECLOSED = -8,	/* not an open socket */
	ZRT_NET_EADDR = -9,	/* cannot use that local address */
	ZRT_NET_ESHUT = -10,	/* output already shut down */
	ZRT_NET_ESIZE = -11,	/* datagram too large */
	ZRT_NET_EOTHER = -12,	/* anything else */
	ZRT_NET_ENOADDR = -13,	/* no address: DHCP got no answer */
	ZRT_NET_ECONFIG = -14	/* the guest's ZOOT_NET is malformed */
};

/* The message for a ZRT_NET_E* code (runtime/net.c). */
const char *zrt_net_strerror(int err);

int zrt_net_tcp_listen(uint32_t addr, unsigned port);
int zrt_net_tcp_accept(int h, uint32_t *addr, unsigned *port);
int zrt_net_tcp_connect(uint32_t addr, unsigned port);
long zrt_net_send(int h, const void *bytes, size_t n);
long zrt_net_receive(int h, void *buf, size_t max);
/* HOW 1: no more output (the peer reads its end); 0: the whole socket. */
int zrt_net_close(int h, int how);
/* The local port a socket is bound to (listen or open with port 0). */
int zrt_net_local_port(int h);
int zrt_net_udp_open(uint32_t addr, unsigned port);
long zrt_net_udp_send(int h, uint32_t addr, unsigned port, const void *bytes, size_t n);
long zrt_net_udp_receive(int h, void *buf, size_t max, uint32_t *addr, unsigned *port);

/* The largest datagram, and the most bytes one receive returns. */
#define ZRT_NET_UDP_MAX 1472
#define ZRT_NET_CHUNK 65536

#endif
