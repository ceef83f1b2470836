/*
 * runtime/guest/net/socket.c - the socket calls of runtime/net.h, in a
 * guest.
 *
 * In:  the calls from runtime/net.c.
 * Out: handles onto the slots of tcp.c and udp.c; the interface brought
 *      up on first use; ports for sockets bound to port 0.
 *
 * Why it exists: runtime/net.c sees handles as libc's descriptors are
 * seen hosted; here a handle is an index into a table of what it stands
 * for (a listener, a connection or a UDP socket, and that one's slot in
 * its protocol's table).  A closed handle's entry is reused.
 */
#include <string.h>
#include "net.h"

#define HANDLES 64

enum kind { FREE, LISTENER, CONNECTION, DATAGRAM };

struct handle {
	enum kind kind;
	int slot;
	int shut;		/* output shut down */
};

static struct handle handles[HANDLES];
static unsigned next_port;

unsigned zrt_net_ephemeral_port(int proto)
{
	unsigned i;

	if (!next_port)
		next_port = (unsigned)(zrt_arch_nanoseconds() / 1000u % 16000u);
	for (i = 0; i < 16384; i++) {
		unsigned port = 49152 + next_port++ % 16384;

		if (proto == IP_PROTO_TCP ? !zrt_tcp_port_used(port) : !zrt_udp_port_used(port))
			return port;
	}
	return 65535;
}

/* A new handle for SLOT (or the error SLOT is). */
static int new_handle(enum kind kind, int slot)
{
	int h;

	if (slot < 0)
		return slot;
	for (h = 0; h < HANDLES; h++)
		if (handles[h].kind == FREE) {
			handles[h].kind = kind;
			handles[h].slot = slot;
			handles[h].shut = 0;
			return h;
		}
	if (kind == CONNECTION)
		zrt_tcp_close(slot);
	else if (kind == LISTENER)
		zrt_tcp_unlisten(slot);
	else
		zrt_udp_close(slot);
	return ZRT_NET_ENOMEM;
}

static struct handle *lookup(int h, enum kind kind)
{
	if (h < 0 || h >= HANDLES || handles[h].kind != kind)
		return NULL;
	return &handles[h];
}

int zrt_net_tcp_listen(uint32_t addr, unsigned port)
{
	int err = zrt_net_up();

	return err < 0 ? err : new_handle(LISTENER, zrt_tcp_listen(addr, port));
}

int zrt_net_tcp_accept(int h, uint32_t *addr, unsigned *port)
{
	struct handle *l = lookup(h, LISTENER);

	if (!l)
		return ZRT_NET_ECLOSED;
	return new_handle(CONNECTION, zrt_tcp_accept(l->slot, addr, port));
}

int zrt_net_tcp_connect(uint32_t addr, unsigned port)
{
	int err = zrt_net_up();

	return err < 0 ? err : new_handle(CONNECTION, zrt_tcp_connect(addr, port));
}

long zrt_net_send(int h, const void *bytes, size_t n)
{
	struct handle *c = lookup(h, CONNECTION);

	if (!c)
		return ZRT_NET_ECLOSED;
	return c->shut ? ZRT_NET_ESHUT : zrt_tcp_send(c->slot, bytes, n);
}

long zrt_net_receive(int h, void *buf, size_t max)
{
	struct handle *c = lookup(h, CONNECTION);

	return c ? zrt_tcp_receive(c->slot, buf, max) : ZRT_NET_ECLOSED;
}

int zrt_net_close(int h, int how)
{
	struct handle *s = h >= 0 && h < HANDLES ? &handles[h] : NULL;

	if (!s || s->kind == FREE)
		return ZRT_NET_ECLOSED;
	if (how == 1) {
		if (s->kind != CONNECTION)
			return 0;
		s->shut = 1;
		zrt_tcp_shutdown(s->slot);
		return 0;
	}
	if (s->kind == CONNECTION)
		zrt_tcp_close(s->slot);
	else if (s->kind == LISTENER)
		zrt_tcp_unlisten(s->slot);
	else
		zrt_udp_close(s->slot);
	memset(s, 0, sizeof(*s));
	return 0;
}

int zrt_net_local_port(int h)
{
	struct handle *s = h >= 0 && h < HANDLES ? &handles[h] : NULL;

	if (!s || s->kind == FREE)
		return ZRT_NET_ECLOSED;
	if (s->kind == LISTENER)
		return (int)zrt_tcp_listener_port(s->slot);
	if (s->kind == CONNECTION)
		return (int)zrt_tcp_local_port(s->slot);
	return (int)zrt_udp_port(s->slot);
}

int zrt_net_udp_open(uint32_t addr, unsigned port)
{
	int err = zrt_net_up();

	return err < 0 ? err : new_handle(DATAGRAM, zrt_udp_open(addr, port));
}

long zrt_net_udp_send(int h, uint32_t addr, unsigned port, const void *bytes, size_t n)
{
	struct handle *u = lookup(h, DATAGRAM);

	return u ? zrt_udp_send(u->slot, addr, port, bytes, n) : ZRT_NET_ECLOSED;
}

long zrt_net_udp_receive(int h, void *buf, size_t max, uint32_t *addr, unsigned *port)
{
	struct handle *u = lookup(h, DATAGRAM);

	return u ? zrt_udp_receive(u->slot, buf, max, addr, port) : ZRT_NET_ECLOSED;
}
