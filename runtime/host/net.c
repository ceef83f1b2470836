/*
 * runtime/host/net.c - sockets, hosted: BSD sockets from libc.
 *
 * In:  the calls of runtime/net.h, from runtime/net.c.
 * Out: socket(2), bind, listen, accept, connect, send, recv, sendto,
 *      recvfrom, shutdown, close; errno mapped onto the ZRT_NET_E*
 *      codes the guest's stack uses too.
 *
 * Why it exists: a program's network code is the same hosted and in a
 * guest; hosted, the kernel's TCP/IP does the work.  A handle is the
 * descriptor itself.  send uses MSG_NOSIGNAL, so writing to a peer that
 * has gone is an error (connection reset), never SIGPIPE; every call is
 * retried when a signal interrupts it.
 */
#define _GNU_SOURCE		/* accept4 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include "../zrt.h"
#include "../net.h"

static int net_error(void)
{
	switch (errno) {
	case ECONNREFUSED: return ZRT_NET_EREFUSED;
	case ECONNRESET: case EPIPE: case ECONNABORTED: return ZRT_NET_ERESET;
	case ETIMEDOUT: return ZRT_NET_ETIMEDOUT;
	case EADDRINUSE: return ZRT_NET_EINUSE;
	case ENETUNREACH: case EHOSTUNREACH: return ZRT_NET_EUNREACH;
	case EMFILE: case ENFILE: case ENOBUFS: case ENOMEM: return ZRT_NET_ENOMEM;
	case EBADF: case ENOTSOCK: case ENOTCONN: return ZRT_NET_ECLOSED;
	case EADDRNOTAVAIL: case EACCES: return ZRT_NET_EADDR;
	case EMSGSIZE: return ZRT_NET_ESIZE;
	default: return ZRT_NET_EOTHER;
	}
}

static struct sockaddr_in sockaddr(uint32_t addr, unsigned port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(addr);
	return sa;
}

/* A socket of TYPE bound to ADDR:PORT, or an error. */
static int bound_socket(int type, uint32_t addr, unsigned port)
{
	struct sockaddr_in sa = sockaddr(addr, port);
	int one = 1, s = socket(AF_INET, type | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return net_error();
	if (type == SOCK_STREAM)
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		err = net_error();
		close(s);
		return err;
	}
	return s;
}

int zrt_net_tcp_listen(uint32_t addr, unsigned port)
{
	int s = bound_socket(SOCK_STREAM, addr, port), err;

	if (s >= 0 && listen(s, 16) != 0) {
		err = net_error();
		close(s);
		return err;
	}
	return s;
}

int zrt_net_tcp_accept(int h, uint32_t *addr, unsigned *port)
{
	struct sockaddr_in sa;
	socklen_t len;
	int s, one = 1;

	do {
		len = sizeof(sa);
		s = accept4(h, (struct sockaddr *)&sa, &len, SOCK_CLOEXEC);
	} while (s < 0 && (errno == EINTR || errno == ECONNABORTED));
	if (s < 0)
		return net_error();
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	*addr = ntohl(sa.sin_addr.s_addr);
	*port = ntohs(sa.sin_port);
	return s;
}

int zrt_net_tcp_connect(uint32_t addr, unsigned port)
{
	struct sockaddr_in sa = sockaddr(addr, port);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), err, one = 1;

	if (s < 0)
		return net_error();
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		err = net_error();
		close(s);
		return err;
	}
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return s;
}

long zrt_net_send(int h, const void *bytes, size_t n)
{
	const char *p = bytes;
	size_t done = 0;

	while (done < n) {
		ssize_t k = send(h, p + done, n - done, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return errno == EPIPE ? ZRT_NET_ESHUT : net_error();
		done += (size_t)k;
	}
	return (long)n;
}

long zrt_net_receive(int h, void *buf, size_t max)
{
	ssize_t k;

	do
		k = recv(h, buf, max, 0);
	while (k < 0 && errno == EINTR);
	return k < 0 ? net_error() : (long)k;
}

int zrt_net_close(int h, int how)
{
	if (how == 1)
		return shutdown(h, SHUT_WR) == 0 || errno == ENOTCONN ? 0 : net_error();
	return close(h) == 0 ? 0 : net_error();
}

int zrt_net_local_port(int h)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);

	if (getsockname(h, (struct sockaddr *)&sa, &len) != 0)
		return net_error();
	return ntohs(sa.sin_port);
}

int zrt_net_udp_open(uint32_t addr, unsigned port)
{
	return bound_socket(SOCK_DGRAM, addr, port);
}

long zrt_net_udp_send(int h, uint32_t addr, unsigned port, const void *bytes, size_t n)
{
	struct sockaddr_in sa = sockaddr(addr, port);
	ssize_t k;

	do
		k = sendto(h, bytes, n, MSG_NOSIGNAL, (struct sockaddr *)&sa, sizeof(sa));
	while (k < 0 && errno == EINTR);
	return k < 0 ? net_error() : (long)k;
}

long zrt_net_udp_receive(int h, void *buf, size_t max, uint32_t *addr, unsigned *port)
{
	struct sockaddr_in sa;
	socklen_t len;
	ssize_t k;

	do {
		len = sizeof(sa);
		k = recvfrom(h, buf, max, 0, (struct sockaddr *)&sa, &len);
	} while (k < 0 && errno == EINTR);
	if (k < 0)
		return net_error();
	*addr = ntohl(sa.sin_addr.s_addr);
	*port = ntohs(sa.sin_port);
	return (long)k;
}
