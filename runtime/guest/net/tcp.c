/*
 * runtime/guest/net/tcp.c - TCP (RFC 793, with RFC 1122's and RFC
 * 6298's corrections where they matter to a small stack).
 *
 * In:  TCP segments addressed to us (ipv4.c); the clock (zrt_tcp_timers,
 *      from every poll); the socket calls' TCP half (socket.c): listen,
 *      accept, connect, send, receive, shutdown, close.
 * Out: connections: the three-way handshake both ways, data each way
 *      with sequence numbers and acknowledgements, retransmission on a
 *      timeout, the receive window, an orderly close (FIN, each side on
 *      its own), resets sent and obeyed; segments sent.
 *
 * Why it exists: the guest's sockets.  Kept small on purpose:
 *
 * - CONNS connections and LISTENERS listening ports at once.  Each
 *   connection has a send buffer of SBUF bytes and a receive buffer of
 *   RBUF (rings), malloc'ed while it exists.  The window we advertise
 *   is the receive buffer's free space (no window scaling: RBUF < 64
 *   KiB).  The send buffer is larger: it is what may be in flight, and
 *   a bulk sender's rate is about SBUF per round trip.
 * - In-order reception only: a segment beyond rcv_nxt is dropped and
 *   answered with an ACK of rcv_nxt, so the peer sends it again; one
 *   that overlaps what we have is trimmed.  Every segment with data is
 *   acknowledged at once (no delayed ACKs).
 * - Sending: as much as the peer's window allows, in segments of at most
 *   the peer's MSS (its SYN's option, else 536).  No congestion control
 *   beyond that (the peers are QEMU's user network or a test's
 *   namespace, one hop away).  One retransmission timer per connection:
 *   RTO_INIT, doubled after each timeout up to RTO_MAX; on expiry
 *   everything unacknowledged is sent again (go-back-N).  A peer that
 *   acknowledges nothing for RETRIES timeouts (SYN_RETRIES for a
 *   handshake) is given up: the connection reports "timed out".  A
 *   window of 0 is probed with one byte on the same timer; any ACK
 *   proves the peer alive and resets the count.
 * - Close: shutdown queues a FIN after the data; closing a handle also
 *   waits (up to LINGER_MS) for the data and the FIN to be acknowledged,
 *   so a program may close and exit without losing what it sent.
 *   TIME_WAIT lasts TIME_WAIT_MS (short: a guest's connections are few
 *   and its ports are picked at random), and an abandoned FIN_WAIT_2
 *   as long.
 * - A segment for no connection gets a reset (unless it is one), as does
 *   a SYN on a listening port whose backlog is full.
 *
 * Sequence numbers are compared modulo 2^32 (seq_lt and friends).
 */
#include <stdlib.h>
#include <string.h>
#include "net.h"

#define CONNS 16
#define LISTENERS 8
#define BACKLOG 8
#define SBUF 131072u		/* powers of two */
#define RBUF 32768u
#define OUR_MSS 1460u
#define RTO_INIT 400u
#define RTO_MAX 3200u
#define RETRIES 6
#define SYN_RETRIES 5
#define TIME_WAIT_MS 2000u
#define LINGER_MS 5000u

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10

enum state {
	CLOSED, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2,
	CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT
};

struct conn {
	enum state state;
	int owned;		/* a handle (or a listener's queue) holds it */
	int listener;		/* the listener it came from, or -1 */
	int error;		/* ZRT_NET_E* once reset or timed out */
	uint32_t rip;
	unsigned lport, rport;
	uint32_t iss, snd_una, snd_nxt, snd_max, snd_wnd;
	uint32_t irs, rcv_nxt;
	unsigned mss;
	uint8_t *sbuf, *rbuf;	/* SBUF, RBUF */
	size_t s_start, s_len;	/* the bytes from snd_una on */
	size_t s_sent;		/* of which sent */
	size_t r_start, r_len;	/* received, not yet read */
	int fin_wanted, fin_sent, fin_acked;
	uint32_t fin_seq;
	int peer_fin;
	unsigned adv_wnd;	/* the window last advertised */
	uint64_t rto_at;	/* 0: no timer */
	unsigned rto;
	int retries;
	uint64_t linger_at;	/* TIME_WAIT or abandoned FIN_WAIT_2 ends */
};

struct listener {
	int used;
	uint32_t addr;
	unsigned port;
	int queue[BACKLOG];
	unsigned head, count;
};

static struct conn conns[CONNS];
static struct listener listeners[LISTENERS];
static uint32_t iss_counter;

static int seq_lt(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }
static int seq_le(uint32_t a, uint32_t b) { return (int32_t)(a - b) <= 0; }
static int seq_gt(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

static int in_use(const struct conn *c)
{
	return c->state != CLOSED || c->owned;
}

/* ---- Rings ------------------------------------------------------------ */

/* Rings of SIZE bytes (a power of two). */
static void ring_put(uint8_t *ring, size_t size, size_t at, const uint8_t *p, size_t n)
{
	size_t i = at & (size - 1), k = min_size(n, size - i);

	memcpy(ring + i, p, k);
	memcpy(ring, p + k, n - k);
}

static void ring_get(const uint8_t *ring, size_t size, size_t at, uint8_t *p, size_t n)
{
	size_t i = at & (size - 1), k = min_size(n, size - i);

	memcpy(p, ring + i, k);
	memcpy(p + k, ring, n - k);
}

/* ---- Segments out ----------------------------------------------------- */

static unsigned window_of(const struct conn *c)
{
	size_t free_bytes = RBUF - c->r_len;

	return free_bytes > 65535 ? 65535 : (unsigned)free_bytes;
}

/* One segment: header (with an MSS option on a SYN) and N bytes of
 * DATA; returns what ip_output did. */
static int raw_segment(uint32_t dst, unsigned sport, unsigned dport, uint32_t seq,
		       uint32_t ack, unsigned flags, unsigned win,
		       const struct conn *data_from, size_t data_off, size_t n)
{
	static uint8_t frame[ETH_FRAME];
	uint8_t *t = frame + ETH_HDR + IP_HDR;
	size_t hl = flags & F_SYN ? 24 : 20;

	put16(t, (uint16_t)sport);
	put16(t + 2, (uint16_t)dport);
	put32(t + 4, seq);
	put32(t + 8, ack);
	t[12] = (uint8_t)(hl / 4 << 4);
	t[13] = (uint8_t)flags;
	put16(t + 14, (uint16_t)win);
	put16(t + 16, 0);
	put16(t + 18, 0);
	if (flags & F_SYN) {
		t[20] = 2;
		t[21] = 4;
		put16(t + 22, OUR_MSS);
	}
	if (n)
		ring_get(data_from->sbuf, SBUF, data_from->s_start + data_off, t + hl, n);
	put16(t + 16, zrt_csum_fold(zrt_csum_add(zrt_csum_pseudo(zrt_netif.ip, dst, IP_PROTO_TCP, hl + n),
						 t, hl + n)));
	return zrt_ip_output(frame, dst, IP_PROTO_TCP, hl + n);
}

static int send_segment(struct conn *c, uint32_t seq, unsigned flags, size_t off, size_t n)
{
	unsigned win = window_of(c);

	c->adv_wnd = win;
	return raw_segment(c->rip, c->lport, c->rport, seq, c->rcv_nxt,
			   flags | (c->state == SYN_SENT ? 0 : F_ACK), win, c, off, n);
}

static void send_ack(struct conn *c)
{
	send_segment(c, c->snd_nxt, 0, 0, 0);
}

/* The answer to a segment nobody wanted (RFC 793, "Reset Generation"). */
static void send_reset(uint32_t dst, unsigned sport, unsigned dport, uint32_t seq,
		       uint32_t ack, unsigned flags, size_t dlen)
{
	if (flags & F_RST)
		return;
	if (flags & F_ACK)
		raw_segment(dst, sport, dport, ack, 0, F_RST, 0, NULL, 0, 0);
	else
		raw_segment(dst, sport, dport, 0, seq + (uint32_t)dlen + !!(flags & F_SYN) + !!(flags & F_FIN),
			    F_RST | F_ACK, 0, NULL, 0, 0);
}

/* ---- Connections ------------------------------------------------------ */

static void release(struct conn *c)
{
	free(c->sbuf);
	free(c->rbuf);
	memset(c, 0, sizeof(*c));
	c->listener = -1;
}

/* The connection is over: keep it while a handle holds it (to report
 * the end), free it otherwise. */
static void to_closed(struct conn *c)
{
	c->state = CLOSED;
	c->rto_at = 0;
	if (!c->owned)
		release(c);
}

static struct conn *new_conn(uint32_t rip, unsigned lport, unsigned rport)
{
	int i;

	for (i = 0; i < CONNS; i++)
		if (!in_use(&conns[i]))
			break;
	if (i == CONNS)
		return NULL;
	release(&conns[i]);
	conns[i].sbuf = malloc(SBUF);
	conns[i].rbuf = malloc(RBUF);
	if (!conns[i].sbuf || !conns[i].rbuf) {
		release(&conns[i]);
		return NULL;
	}
	conns[i].rip = rip;
	conns[i].lport = lport;
	conns[i].rport = rport;
	iss_counter += 64021;
	conns[i].iss = (uint32_t)(zrt_arch_nanoseconds() >> 4) + iss_counter;
	conns[i].snd_una = conns[i].iss;
	conns[i].snd_nxt = conns[i].snd_max = conns[i].iss + 1;
	conns[i].mss = 536;
	conns[i].rto = RTO_INIT;
	return &conns[i];
}

static void arm_timer(struct conn *c)
{
	int outstanding = c->snd_una != c->snd_max ||
			  (c->s_len > c->s_sent && c->snd_wnd == 0);

	if (!outstanding)
		c->rto_at = 0;
	else if (!c->rto_at)
		c->rto_at = zrt_net_ms() + c->rto;
}

static int can_send(const struct conn *c)
{
	return c->state == ESTABLISHED || c->state == CLOSE_WAIT || c->state == FIN_WAIT_1 ||
	       c->state == LAST_ACK || c->state == CLOSING;
}

/* Send what the window allows, then the FIN when it is due; PROBE lets
 * one byte into a window of 0.  1 when something went out. */
static int output(struct conn *c, int probe)
{
	size_t wnd = c->snd_wnd ? c->snd_wnd : (size_t)probe;
	int sent = 0;

	if (!can_send(c))
		return 0;
	while (c->s_sent < c->s_len && c->s_sent < wnd) {
		size_t k = min_size(min_size(c->s_len - c->s_sent, c->mss), wnd - c->s_sent);
		unsigned psh = k == c->s_len - c->s_sent ? F_PSH : 0;

		if (send_segment(c, c->snd_una + (uint32_t)c->s_sent, psh, c->s_sent, k) < 0)
			break;
		c->s_sent += k;
		sent = 1;
	}
	c->snd_nxt = c->snd_una + (uint32_t)c->s_sent;
	if (c->fin_wanted && !c->fin_acked && c->s_sent == c->s_len) {
		if (!c->fin_sent) {
			c->fin_seq = c->snd_nxt;
			send_segment(c, c->fin_seq, F_FIN, 0, 0);
			c->fin_sent = 1;
			sent = 1;
		}
		c->snd_nxt = c->fin_seq + 1;
	}
	if (seq_gt(c->snd_nxt, c->snd_max))
		c->snd_max = c->snd_nxt;
	arm_timer(c);
	return sent;
}

static unsigned mss_option(const uint8_t *p, size_t hl)
{
	size_t i = 20;

	while (i < hl) {
		if (p[i] == 0)
			break;
		if (p[i] == 1) {
			i++;
			continue;
		}
		if (i + 1 >= hl || p[i + 1] < 2 || i + p[i + 1] > hl)
			break;
		if (p[i] == 2 && p[i + 1] == 4) {
			unsigned mss = get16(p + i + 2);

			return mss < 64 ? 64 : mss > OUR_MSS ? OUR_MSS : mss;
		}
		i += p[i + 1];
	}
	return 536;
}

/* ---- Segments in ------------------------------------------------------ */

struct segment {
	uint32_t src;
	unsigned sport, dport;
	uint32_t seq, ack;
	unsigned flags, win;
	const uint8_t *data;
	size_t dlen;
	unsigned mss;
};

static struct conn *find_conn(const struct segment *s)
{
	int i;

	for (i = 0; i < CONNS; i++) {
		struct conn *c = &conns[i];

		if (c->state != CLOSED && c->rip == s->src && c->rport == s->sport && c->lport == s->dport)
			return c;
	}
	return NULL;
}

static int find_listener(unsigned port)
{
	int i;

	for (i = 0; i < LISTENERS; i++)
		if (listeners[i].used && listeners[i].port == port)
			return i;
	return -1;
}

static unsigned pending(int l)
{
	unsigned n = listeners[l].count;
	int i;

	for (i = 0; i < CONNS; i++)
		if (conns[i].state == SYN_RCVD && conns[i].listener == l)
			n++;
	return n;
}

static void passive_open(int l, const struct segment *s)
{
	struct conn *c;

	if (pending(l) >= BACKLOG || !(c = new_conn(s->src, s->dport, s->sport))) {
		send_reset(s->src, s->dport, s->sport, s->seq, s->ack, s->flags, s->dlen);
		return;
	}
	c->state = SYN_RCVD;
	c->listener = l;
	c->irs = s->seq;
	c->rcv_nxt = s->seq + 1;
	c->snd_wnd = s->win;
	c->mss = s->mss;
	send_segment(c, c->iss, F_SYN, 0, 0);
	c->rto_at = zrt_net_ms() + c->rto;
}

static void syn_sent(struct conn *c, const struct segment *s)
{
	if ((s->flags & F_ACK) && s->ack != c->iss + 1) {
		send_reset(s->src, s->dport, s->sport, s->seq, s->ack, s->flags, s->dlen);
		return;
	}
	if (s->flags & F_RST) {
		if (s->flags & F_ACK) {
			c->error = ZRT_NET_EREFUSED;
			to_closed(c);
		}
		return;
	}
	if (!(s->flags & F_SYN) || !(s->flags & F_ACK))
		return;		/* a simultaneous open is not supported */
	c->irs = s->seq;
	c->rcv_nxt = s->seq + 1;
	c->snd_una = s->ack;
	c->snd_wnd = s->win;
	c->mss = s->mss;
	c->state = ESTABLISHED;
	c->rto_at = 0;
	c->retries = 0;
	c->rto = RTO_INIT;
	send_ack(c);
}

/* An acknowledgement of ACK (not beyond snd_max): drop what it covers. */
static void acknowledge(struct conn *c, uint32_t ack)
{
	size_t acked = ack - c->snd_una, data = min_size(acked, c->s_len);

	c->s_start = (c->s_start + data) & (SBUF - 1);
	c->s_len -= data;
	c->s_sent = c->s_sent > data ? c->s_sent - data : 0;
	c->snd_una = ack;
	if (seq_lt(c->snd_nxt, ack))
		c->snd_nxt = ack;
	if (c->fin_sent && seq_gt(ack, c->fin_seq))
		c->fin_acked = 1;
	c->rto = RTO_INIT;
	c->rto_at = 0;
}

/* The state changes an acknowledged FIN brings. */
static void fin_was_acked(struct conn *c)
{
	if (c->state == FIN_WAIT_1)
		c->state = FIN_WAIT_2;
	else if (c->state == CLOSING) {
		c->state = TIME_WAIT;
		c->linger_at = zrt_net_ms() + TIME_WAIT_MS;
	} else if (c->state == LAST_ACK)
		to_closed(c);
}

static void queue_accepted(struct conn *c)
{
	struct listener *l = &listeners[c->listener];

	if (!l->used || l->count == BACKLOG) {
		send_segment(c, c->snd_nxt, F_RST, 0, 0);
		to_closed(c);
		return;
	}
	l->queue[(l->head + l->count++) % BACKLOG] = (int)(c - conns);
	c->owned = 1;
}

/* The data and FIN of S, in order; 1 when an ACK is due. */
static int take_data(struct conn *c, const struct segment *s, int fin)
{
	size_t room = RBUF - c->r_len, k = min_size(s->dlen, room);

	if (c->state != ESTABLISHED && c->state != FIN_WAIT_1 && c->state != FIN_WAIT_2)
		return s->dlen > 0 || fin;
	if (k) {
		ring_put(c->rbuf, RBUF, c->r_start + c->r_len, s->data, k);
		c->r_len += k;
		c->rcv_nxt += (uint32_t)k;
	}
	if (!fin || k < s->dlen)
		return s->dlen > 0;
	c->rcv_nxt++;
	c->peer_fin = 1;
	if (c->state == ESTABLISHED)
		c->state = CLOSE_WAIT;
	else if (c->state == FIN_WAIT_1)
		c->state = c->fin_acked ? TIME_WAIT : CLOSING;
	else
		c->state = TIME_WAIT;
	if (c->state == TIME_WAIT)
		c->linger_at = zrt_net_ms() + TIME_WAIT_MS;
	return 1;
}

static void synchronized(struct conn *c, struct segment *s)
{
	int fin = (s->flags & F_FIN) != 0, ack_due = 0;

	if (s->flags & F_RST) {
		if (seq_lt(s->seq, c->rcv_nxt) || seq_gt(s->seq, c->rcv_nxt + window_of(c)))
			return;
		if (c->state == SYN_RCVD && c->listener >= 0 && !c->owned) {
			to_closed(c);
			return;
		}
		c->error = ZRT_NET_ERESET;
		to_closed(c);
		return;
	}
	if (s->flags & F_SYN) {
		if (s->seq == c->irs) {
			if (c->state == SYN_RCVD)
				send_segment(c, c->iss, F_SYN, 0, 0);
			else
				send_ack(c);
			return;
		}
		send_segment(c, c->snd_nxt, F_RST, 0, 0);
		c->error = ZRT_NET_ERESET;
		to_closed(c);
		return;
	}
	/* Trim what we have already; drop what is beyond rcv_nxt. */
	if (seq_lt(s->seq, c->rcv_nxt)) {
		uint32_t skip = c->rcv_nxt - s->seq;

		ack_due = s->dlen > 0 || fin;
		if (skip >= s->dlen + (size_t)fin) {
			s->dlen = 0;
			fin = 0;
		} else if (skip > s->dlen) {
			s->dlen = 0;
		} else {
			s->data += skip;
			s->dlen -= skip;
		}
		s->seq = c->rcv_nxt;
	} else if (seq_gt(s->seq, c->rcv_nxt)) {
		ack_due = 1;
		s->dlen = 0;
		fin = 0;
	}
	if (!(s->flags & F_ACK)) {
		if (ack_due)
			send_ack(c);
		return;
	}
	if (c->state == SYN_RCVD) {
		if (s->ack != c->iss + 1) {
			send_reset(s->src, s->dport, s->sport, s->seq, s->ack, s->flags, s->dlen);
			return;
		}
		c->snd_una = s->ack;
		c->state = ESTABLISHED;
		c->rto_at = 0;
		c->retries = 0;
		c->rto = RTO_INIT;
		queue_accepted(c);
		if (c->state == CLOSED)
			return;
	}
	if (seq_gt(s->ack, c->snd_max)) {
		send_ack(c);
		return;
	}
	c->retries = 0;		/* the peer is alive */
	if (seq_gt(s->ack, c->snd_una))
		acknowledge(c, s->ack);
	if (seq_le(c->snd_una, s->ack))
		c->snd_wnd = s->win;
	if (c->fin_acked)
		fin_was_acked(c);
	if (c->state == CLOSED)
		return;
	if (c->state == TIME_WAIT && fin) {
		ack_due = 1;
		c->linger_at = zrt_net_ms() + TIME_WAIT_MS;
	}
	ack_due |= take_data(c, s, fin);
	if (!output(c, 0) && ack_due)
		send_ack(c);
}

void zrt_tcp_input(uint32_t src, uint32_t dst, const uint8_t *p, size_t n)
{
	struct segment s;
	struct conn *c;
	size_t hl;
	int l;

	if (n < 20)
		return;
	hl = (size_t)(p[12] >> 4) * 4;
	if (hl < 20 || hl > n)
		return;
	if (zrt_csum_fold(zrt_csum_add(zrt_csum_pseudo(src, dst, IP_PROTO_TCP, n), p, n)) != 0)
		return;
	s.src = src;
	s.sport = get16(p);
	s.dport = get16(p + 2);
	s.seq = get32(p + 4);
	s.ack = get32(p + 8);
	s.flags = p[13] & 0x3f;
	s.win = get16(p + 14);
	s.data = p + hl;
	s.dlen = n - hl;
	s.mss = s.flags & F_SYN ? mss_option(p, hl) : 536;
	if (s.sport == 0 || s.dport == 0)
		return;
	c = find_conn(&s);
	if (!c) {
		l = find_listener(s.dport);
		if (l >= 0 && (s.flags & (F_SYN | F_ACK | F_RST | F_FIN)) == F_SYN)
			passive_open(l, &s);
		else
			send_reset(src, s.dport, s.sport, s.seq, s.ack, s.flags, s.dlen);
		return;
	}
	if (c->state == SYN_SENT)
		syn_sent(c, &s);
	else
		synchronized(c, &s);
}

/* ---- The clock -------------------------------------------------------- */

static void timeout(struct conn *c, uint64_t now)
{
	int limit = c->state == SYN_SENT || c->state == SYN_RCVD ? SYN_RETRIES : RETRIES;

	if (++c->retries > limit) {
		if (c->state != SYN_SENT && c->state != SYN_RCVD)
			send_segment(c, c->snd_nxt, F_RST, 0, 0);
		c->error = ZRT_NET_ETIMEDOUT;
		to_closed(c);
		return;
	}
	c->rto = c->rto * 2 > RTO_MAX ? RTO_MAX : c->rto * 2;
	c->rto_at = now + c->rto;
	if (c->state == SYN_SENT || c->state == SYN_RCVD) {
		send_segment(c, c->iss, F_SYN, 0, 0);
		return;
	}
	/* Go back to the first unacknowledged byte. */
	c->s_sent = 0;
	if (!c->fin_acked)
		c->fin_sent = 0;
	c->snd_nxt = c->snd_una;
	c->rto_at = 0;
	output(c, 1);
	if (!c->rto_at)
		c->rto_at = now + c->rto;
}

void zrt_tcp_timers(uint64_t now)
{
	int i;

	for (i = 0; i < CONNS; i++) {
		struct conn *c = &conns[i];

		if (c->state == CLOSED)
			continue;
		if ((c->state == TIME_WAIT || (c->state == FIN_WAIT_2 && !c->owned)) &&
		    c->linger_at && now >= c->linger_at)
			to_closed(c);
		else if (c->rto_at && now >= c->rto_at)
			timeout(c, now);
	}
}

/* ---- The socket calls ------------------------------------------------- */

int zrt_tcp_port_used(unsigned port)
{
	int i;

	if (find_listener(port) >= 0)
		return 1;
	for (i = 0; i < CONNS; i++)
		if (in_use(&conns[i]) && conns[i].lport == port)
			return 1;
	return 0;
}

int zrt_tcp_listen(uint32_t addr, unsigned port)
{
	int i;

	if (addr != 0 && addr != zrt_netif.ip)
		return ZRT_NET_EADDR;
	if (port == 0)
		port = zrt_net_ephemeral_port(IP_PROTO_TCP);
	else if (find_listener(port) >= 0)
		return ZRT_NET_EINUSE;
	for (i = 0; i < LISTENERS; i++)
		if (!listeners[i].used)
			break;
	if (i == LISTENERS)
		return ZRT_NET_ENOMEM;
	memset(&listeners[i], 0, sizeof(listeners[i]));
	listeners[i].used = 1;
	listeners[i].addr = addr;
	listeners[i].port = port;
	return i;
}

unsigned zrt_tcp_listener_port(int l)
{
	return listeners[l].port;
}

unsigned zrt_tcp_local_port(int conn)
{
	return conns[conn].lport;
}

static int has_queued(void *arg)
{
	return listeners[*(int *)arg].count > 0;
}

int zrt_tcp_accept(int l, uint32_t *addr, unsigned *port)
{
	struct listener *ls = &listeners[l];
	int k;

	zrt_net_wait(has_queued, &l, 0);
	k = ls->queue[ls->head];
	ls->head = (ls->head + 1) % BACKLOG;
	ls->count--;
	conns[k].listener = -1;
	*addr = conns[k].rip;
	*port = conns[k].rport;
	return k;
}

void zrt_tcp_unlisten(int l)
{
	struct listener *ls = &listeners[l];
	int i;

	while (ls->count) {
		struct conn *c = &conns[ls->queue[ls->head]];

		ls->head = (ls->head + 1) % BACKLOG;
		ls->count--;
		c->owned = 0;
		c->listener = -1;
		if (c->state != CLOSED)
			send_segment(c, c->snd_nxt, F_RST, 0, 0);
		to_closed(c);
	}
	for (i = 0; i < CONNS; i++)
		if (conns[i].state == SYN_RCVD && conns[i].listener == l) {
			send_segment(&conns[i], conns[i].snd_nxt, F_RST, 0, 0);
			to_closed(&conns[i]);
		}
	ls->used = 0;
}

static int handshake_over(void *arg)
{
	return conns[*(int *)arg].state != SYN_SENT;
}

int zrt_tcp_connect(uint32_t addr, unsigned port)
{
	struct conn *c;
	int k, err;

	if (addr == 0 || port == 0)
		return ZRT_NET_EADDR;
	c = new_conn(addr, zrt_net_ephemeral_port(IP_PROTO_TCP), port);
	if (!c)
		return ZRT_NET_ENOMEM;
	k = (int)(c - conns);
	c->owned = 1;
	c->state = SYN_SENT;
	if ((err = send_segment(c, c->iss, F_SYN, 0, 0)) < 0) {
		release(c);
		return err;
	}
	c->rto_at = zrt_net_ms() + c->rto;
	zrt_net_wait(handshake_over, &k, 0);
	if (c->state == CLOSED) {
		err = c->error ? c->error : ZRT_NET_EREFUSED;
		release(c);
		return err;
	}
	return k;
}

static int can_take(void *arg)
{
	struct conn *c = &conns[*(int *)arg];

	return c->s_len < SBUF || c->error || !can_send(c);
}

long zrt_tcp_send(int k, const void *bytes, size_t n)
{
	struct conn *c = &conns[k];
	const uint8_t *p = bytes;
	size_t done = 0;

	while (done < n) {
		size_t room;

		if (c->error)
			return c->error;
		if (c->fin_wanted)
			return ZRT_NET_ESHUT;
		if (!can_send(c))
			return ZRT_NET_ERESET;
		room = min_size(SBUF - c->s_len, n - done);
		if (room == 0) {
			zrt_net_wait(can_take, &k, 0);
			continue;
		}
		ring_put(c->sbuf, SBUF, c->s_start + c->s_len, p + done, room);
		c->s_len += room;
		done += room;
		output(c, 0);
	}
	return (long)n;
}

static int readable(void *arg)
{
	struct conn *c = &conns[*(int *)arg];

	return c->r_len > 0 || c->peer_fin || c->error || c->state == CLOSED;
}

long zrt_tcp_receive(int k, void *buf, size_t max)
{
	struct conn *c = &conns[k];
	size_t n;
	unsigned before;

	zrt_net_wait(readable, &k, 0);
	before = c->adv_wnd;
	if (c->r_len == 0)
		return c->error ? c->error : 0;
	n = min_size(max, c->r_len);
	ring_get(c->rbuf, RBUF, c->r_start, buf, n);
	c->r_start = (c->r_start + n) & (RBUF - 1);
	c->r_len -= n;
	/* Tell the peer when the window has opened much. */
	if (c->state != CLOSED && window_of(c) >= before + 2 * c->mss)
		send_ack(c);
	return (long)n;
}

int zrt_tcp_shutdown(int k)
{
	struct conn *c = &conns[k];

	if (c->error)
		return c->error;
	if (c->fin_wanted)
		return 0;
	if (c->state == ESTABLISHED)
		c->state = FIN_WAIT_1;
	else if (c->state == CLOSE_WAIT)
		c->state = LAST_ACK;
	else
		return 0;
	c->fin_wanted = 1;
	output(c, 0);
	return 0;
}

static int settled(void *arg)
{
	struct conn *c = &conns[*(int *)arg];

	return c->state == CLOSED || c->state == TIME_WAIT || c->state == FIN_WAIT_2 || c->error;
}

void zrt_tcp_close(int k)
{
	struct conn *c = &conns[k];

	zrt_tcp_shutdown(k);
	if (!zrt_net_wait(settled, &k, zrt_net_ms() + LINGER_MS) && c->state != CLOSED) {
		send_segment(c, c->snd_nxt, F_RST, 0, 0);
		c->state = CLOSED;
	}
	c->owned = 0;
	if (c->state == FIN_WAIT_2)
		c->linger_at = zrt_net_ms() + TIME_WAIT_MS;
	if (c->state == CLOSED)
		release(c);
}
