/*
 * runtime/net.c - the network primitives, on any platform.
 *
 * In:  Zoot values from language/net.zt: host names as strings, ports
 *      and handles as fixnums, data as bytevectors; the platform's
 *      sockets below (runtime/net.h).
 * Out: %tcp-listen %tcp-accept %tcp-connect %net-send %net-receive
 *      %net-close %net-local-port %udp-open %udp-send %udp-receive.
 *      Each returns its result or, when the network refused, a string
 *      saying why ("connection refused"), which net.zt raises as a
 *      network error naming the address; a bad argument is a type error
 *      here, as for any primitive.
 *
 * Why it exists: the conversions between Zoot values and C are the same
 * for libc's sockets and the guest's stack, so they are written once.
 * Hosts are numeric IPv4 addresses ("10.0.2.2"), "localhost", or "" and
 * "*" for any local address: a guest has no resolver, and a program
 * must behave the same in both places.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zrt.h"
#include "net.h"

const char *zrt_net_strerror(int err)
{
	switch (err) {
	case ZRT_NET_EREFUSED: return "connection refused";
	case ZRT_NET_ERESET: return "connection reset by peer";
	case ZRT_NET_ETIMEDOUT: return "connection timed out";
	case ZRT_NET_EINUSE: return "address already in use";
	case ZRT_NET_EUNREACH: return "no route to host";
	case ZRT_NET_ENODEV: return "no network device";
	case ZRT_NET_ENOMEM: return "too many sockets";
	case ZRT_NET_ECLOSED: return "socket is closed";
	case ZRT_NET_EADDR: return "cannot use that local address";
	case ZRT_NET_ESHUT: return "output is shut down";
	case ZRT_NET_ESIZE: return "datagram too large";
	case ZRT_NET_ENOADDR: return "no address (no answer from DHCP)";
	case ZRT_NET_ECONFIG: return "ZOOT_NET is not ip=A.B.C.D/N,gw=A.B.C.D or dhcp";
	default: return "network error";
	}
}

static zval failure(long err)
{
	return zrt_string_from_cstr(zrt_net_strerror((int)err));
}

/* "a.b.c.d" into *ADDR; 0 when it is not one. */
static int parse_quad(const char *s, uint32_t *addr)
{
	uint32_t a = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return 0;
		a = a << 8 | v;
		if (part < 3 && *s++ != '.')
			return 0;
	}
	if (*s)
		return 0;
	*addr = a;
	return 1;
}

/* The address HOST names; 0 and a message in *WHY when it names none. */
static int host_address(const char *who, zval host, uint32_t *addr)
{
	char name[64];
	size_t n;

	if (!IS_STRING(host))
		zrt_type_error(who, "a host name (a string)", host);
	n = zrt_utf8_length(host);
	if (n >= sizeof(name))
		return 0;
	zrt_utf8_encode(host, name);
	name[n] = '\0';
	if (strlen(name) != n)
		return 0;
	if (n == 0 || strcmp(name, "*") == 0) {
		*addr = 0;
		return 1;
	}
	if (strcmp(name, "localhost") == 0) {
		*addr = 0x7f000001;
		return 1;
	}
	return parse_quad(name, addr);
}

static unsigned port_number(const char *who, zval port)
{
	if (!IS_FIXNUM(port) || FIXNUM_VALUE(port) < 0 || FIXNUM_VALUE(port) > 65535)
		zrt_type_error(who, "a port number (0 to 65535)", port);
	return (unsigned)FIXNUM_VALUE(port);
}

static int handle(const char *who, zval h)
{
	if (!IS_FIXNUM(h) || FIXNUM_VALUE(h) < 0 || FIXNUM_VALUE(h) > 1 << 20)
		zrt_type_error(who, "a socket handle", h);
	return (int)FIXNUM_VALUE(h);
}

static zval unknown_host(void)
{
	return zrt_string_from_cstr("unknown host (a numeric IPv4 address or localhost)");
}

/* "a.b.c.d:port" */
static zval address_string(uint32_t a, unsigned port)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%u.%u.%u.%u:%u", a >> 24, (a >> 16) & 255,
			 (a >> 8) & 255, a & 255, port);

	return zrt_string_from_utf8(buf, (size_t)n);
}

zval zp_tcp_listen(zval host, zval port)
{
	uint32_t a;
	unsigned p = port_number("%tcp-listen", port);
	int h;

	if (!host_address("%tcp-listen", host, &a))
		return unknown_host();
	h = zrt_net_tcp_listen(a, p);
	return h < 0 ? failure(h) : MAKE_FIXNUM(h);
}

/* (handle . "peer:port") */
zval zp_tcp_accept(zval listener)
{
	uint32_t a = 0;
	unsigned p = 0;
	int h = zrt_net_tcp_accept(handle("%tcp-accept", listener), &a, &p);
	zval peer;

	if (h < 0)
		return failure(h);
	peer = address_string(a, p);
	return zrt_cons(MAKE_FIXNUM(h), peer);
}

zval zp_tcp_connect(zval host, zval port)
{
	uint32_t a;
	unsigned p = port_number("%tcp-connect", port);
	int h;

	if (!host_address("%tcp-connect", host, &a))
		return unknown_host();
	h = zrt_net_tcp_connect(a, p);
	return h < 0 ? failure(h) : MAKE_FIXNUM(h);
}

zval zp_net_send(zval h, zval bytes)
{
	int s = handle("%net-send", h);
	long k;

	if (!IS_BYTEVECTOR(bytes))
		zrt_type_error("%net-send", "a bytevector", bytes);
	k = zrt_net_send(s, BYTEVECTOR_BYTES(bytes), OBJ_LENGTH(bytes));
	return k < 0 ? failure(k) : ZTRUE;
}

/* Up to MAX bytes (at most ZRT_NET_CHUNK), the eof object at the end. */
zval zp_net_receive(zval h, zval max)
{
	int s = handle("%net-receive", h);
	size_t n;
	char *buf;
	long k;
	zval bv;

	if (!IS_FIXNUM(max) || FIXNUM_VALUE(max) < 1)
		zrt_type_error("%net-receive", "a positive count", max);
	n = FIXNUM_VALUE(max) < ZRT_NET_CHUNK ? (size_t)FIXNUM_VALUE(max) : ZRT_NET_CHUNK;
	buf = malloc(n);
	if (!buf)
		zrt_fatal("out of memory (network buffer)");
	k = zrt_net_receive(s, buf, n);
	if (k <= 0) {
		free(buf);
		return k == 0 ? ZEOF : failure(k);
	}
	bv = zrt_make_bytevector((size_t)k, 0);
	memcpy(BYTEVECTOR_BYTES(bv), buf, (size_t)k);
	free(buf);
	return bv;
}

zval zp_net_close(zval h, zval how)
{
	int k = zrt_net_close(handle("%net-close", h), how == MAKE_FIXNUM(1));

	return k < 0 ? failure(k) : ZTRUE;
}

zval zp_net_local_port(zval h)
{
	int p = zrt_net_local_port(handle("%net-local-port", h));

	return p < 0 ? failure(p) : MAKE_FIXNUM(p);
}

zval zp_udp_open(zval host, zval port)
{
	uint32_t a;
	unsigned p = port_number("%udp-open", port);
	int h;

	if (!host_address("%udp-open", host, &a))
		return unknown_host();
	h = zrt_net_udp_open(a, p);
	return h < 0 ? failure(h) : MAKE_FIXNUM(h);
}

zval zp_udp_send(zval h, zval host, zval port, zval bytes)
{
	int s = handle("%udp-send", h);
	unsigned p = port_number("%udp-send", port);
	uint32_t a;
	long k;

	if (!IS_BYTEVECTOR(bytes))
		zrt_type_error("%udp-send", "a bytevector", bytes);
	if (!host_address("%udp-send", host, &a))
		return unknown_host();
	if (OBJ_LENGTH(bytes) > ZRT_NET_UDP_MAX)
		return failure(ZRT_NET_ESIZE);
	k = zrt_net_udp_send(s, a, p, BYTEVECTOR_BYTES(bytes), OBJ_LENGTH(bytes));
	return k < 0 ? failure(k) : ZTRUE;
}

/* (bytevector . "sender:port") */
zval zp_udp_receive(zval h)
{
	char buf[ZRT_NET_UDP_MAX];
	uint32_t a = 0;
	unsigned p = 0;
	long k = zrt_net_udp_receive(handle("%udp-receive", h), buf, sizeof(buf), &a, &p);
	zval bv = ZFALSE, from;

	if (k < 0)
		return failure(k);
	ZROOT(bv);
	bv = zrt_make_bytevector((size_t)k, 0);
	memcpy(BYTEVECTOR_BYTES(bv), buf, (size_t)k);
	from = address_string(a, p);
	return zrt_cons(bv, from);
}
