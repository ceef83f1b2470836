/*
 * runtime/bigdigits.c - arithmetic on magnitudes of 32-bit digits.
 *
 * In:  magnitudes (little-endian uint32_t arrays) and caller buffers.
 * Out: the operations of bigdigits.h.
 *
 * Why it exists: see bigdigits.h.  Every intermediate is a uint64_t, so
 * the code is the same on 32- and 64-bit targets (on 32-bit ones gcc
 * calls libgcc for the 64-bit divisions, which the guest links too).
 * Doubles are built and taken apart through their bits, never by
 * conversion instructions, so rounding is ours and the same everywhere.
 */
#include <string.h>
#include "bigdigits.h"

typedef uint64_t wide;

size_t bd_normalize(const bd_digit *a, size_t an)
{
	while (an > 0 && a[an - 1] == 0)
		an--;
	return an;
}

int bd_compare(const bd_digit *a, size_t an, const bd_digit *b, size_t bn)
{
	an = bd_normalize(a, an);
	bn = bd_normalize(b, bn);
	if (an != bn)
		return an < bn ? -1 : 1;
	while (an-- > 0)
		if (a[an] != b[an])
			return a[an] < b[an] ? -1 : 1;
	return 0;
}

static int clz32(bd_digit x)
{
	int n = 0;

	if (x == 0)
		return 32;
	while (!(x & 0x80000000u)) {
		x <<= 1;
		n++;
	}
	return n;
}

size_t bd_bit_length(const bd_digit *a, size_t an)
{
	an = bd_normalize(a, an);
	if (an == 0)
		return 0;
	return an * BD_BITS - (size_t)clz32(a[an - 1]);
}

size_t bd_from_u64(bd_digit *r, uint64_t v)
{
	r[0] = (bd_digit)v;
	r[1] = (bd_digit)(v >> 32);
	return bd_normalize(r, 2);
}

size_t bd_add(bd_digit *r, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn)
{
	size_t i;
	wide carry = 0;

	if (an < bn) {
		const bd_digit *t = a;
		size_t tn = an;

		a = b, an = bn, b = t, bn = tn;
	}
	for (i = 0; i < bn; i++) {
		carry += (wide)a[i] + b[i];
		r[i] = (bd_digit)carry;
		carry >>= 32;
	}
	for (; i < an; i++) {
		carry += a[i];
		r[i] = (bd_digit)carry;
		carry >>= 32;
	}
	r[an] = (bd_digit)carry;
	return bd_normalize(r, an + 1);
}

size_t bd_sub(bd_digit *r, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn)
{
	size_t i;
	bd_digit borrow = 0;

	bn = bd_normalize(b, bn);
	for (i = 0; i < bn; i++) {
		wide d = (wide)a[i] - b[i] - borrow;

		r[i] = (bd_digit)d;
		borrow = (bd_digit)(d >> 32) & 1;
	}
	for (; i < an; i++) {
		wide d = (wide)a[i] - borrow;

		r[i] = (bd_digit)d;
		borrow = (bd_digit)(d >> 32) & 1;
	}
	return bd_normalize(r, an);
}

size_t bd_mul_digit_add(bd_digit *r, const bd_digit *a, size_t an,
			bd_digit m, bd_digit add)
{
	size_t i;
	wide carry = add;

	for (i = 0; i < an; i++) {
		carry += (wide)a[i] * m;
		r[i] = (bd_digit)carry;
		carry >>= 32;
	}
	r[an] = (bd_digit)carry;
	return bd_normalize(r, an + 1);
}

/*
 * Division by one digit without a division instruction per digit (on
 * ARM there is none, and on x86 a 64-bit one is slow): Moeller and
 * Granlund's "Improved division by invariant integers" (2011), the
 * two-by-one division with a precomputed reciprocal V of the divisor
 * D shifted to have its top bit set: floor((2^64 - 1) / D) - 2^32.
 * U1 < D.  Returns the quotient digit of (U1 2^32 + U0) / D, the
 * remainder in *R.
 */
static bd_digit div_2by1(bd_digit u1, bd_digit u0, bd_digit d, bd_digit v,
			 bd_digit *r)
{
	wide p = (wide)v * u1 + (((wide)u1 << 32) | u0);
	bd_digit q1 = (bd_digit)(p >> 32) + 1, q0 = (bd_digit)p;
	bd_digit rem = u0 - q1 * d;

	if (rem > q0) {
		q1--;
		rem += d;
	}
	if (rem >= d) {
		q1++;
		rem -= d;
	}
	*r = rem;
	return q1;
}

size_t bd_div_digit(bd_digit *q, const bd_digit *a, size_t an,
		    bd_digit d, bd_digit *rem)
{
	int s = clz32(d);
	bd_digit dn = d << s, v = (bd_digit)(~(wide)0 / dn - ((wide)1 << 32));
	bd_digit r = 0;
	size_t i;

	an = bd_normalize(a, an);
	if (s == 0) {
		for (i = an; i-- > 0;)
			q[i] = div_2by1(r, a[i], dn, v, &r);
	} else if (an > 0) {
		/* the digits of A << s, made on the way */
		r = a[an - 1] >> (32 - s);
		for (i = an; i-- > 0;) {
			bd_digit u0 = (a[i] << s) | (i > 0 ? a[i - 1] >> (32 - s) : 0);

			q[i] = div_2by1(r, u0, dn, v, &r);
		}
		r >>= s;
	}
	if (rem)
		*rem = r;
	return bd_normalize(q, an);
}

/* ---- Multiplication ------------------------------------------------------ */

/*
 * Karatsuba from this many digits of the shorter operand on.  Measured
 * with tools/bigdigits-bench.c (CPU time, a busy shared x86-64 and ARM
 * under qemu-user, both noisy): the two break even between 32 and 48
 * digits on both, and 40 beat 24, 32 and 64 as the threshold for
 * 1039-digit products (10^4 decimal digits) on both.  Products then,
 * in CPU time on x86-64: 10^4 decimal digits 0.2-0.3 ms, 10^5 (10382
 * digits) about 10 ms, 10^6 (10^5 digits) about 0.3 s.
 */
#ifndef BD_KARATSUBA_THRESHOLD
#define BD_KARATSUBA_THRESHOLD 40
#endif

/* R[0 .. an+bn) = A * B, schoolbook. */
static void mul_school(bd_digit *r, const bd_digit *a, size_t an,
		       const bd_digit *b, size_t bn)
{
	size_t i, j;

	memset(r, 0, (an + bn) * sizeof *r);
	for (i = 0; i < bn; i++) {
		wide carry = 0, m = b[i];

		if (m == 0)
			continue;
		for (j = 0; j < an; j++) {
			carry += a[j] * m + r[i + j];
			r[i + j] = (bd_digit)carry;
			carry >>= 32;
		}
		r[i + an] = (bd_digit)carry;
	}
}

/* R[0 .. rn) += A; the sum must fit. */
static void add_into(bd_digit *r, size_t rn, const bd_digit *a, size_t an)
{
	size_t i;
	wide carry = 0;

	for (i = 0; i < an; i++) {
		carry += (wide)r[i] + a[i];
		r[i] = (bd_digit)carry;
		carry >>= 32;
	}
	for (; carry && i < rn; i++) {
		carry += r[i];
		r[i] = (bd_digit)carry;
		carry >>= 32;
	}
}

/* The scratch Karatsuba needs for operands of up to N digits. */
static size_t kara_scratch(size_t n)
{
	size_t s = 0;

	while (n >= BD_KARATSUBA_THRESHOLD) {
		size_t h = (n + 1) / 2 + 1;

		s += 4 * h;
		n = h;
	}
	return s;
}

size_t bd_mul_scratch(size_t an, size_t bn)
{
	size_t n = an > bn ? an : bn, m = an < bn ? an : bn;

	if (m < BD_KARATSUBA_THRESHOLD)
		return 0;
	return 2 * m + kara_scratch(n);
}

static void mul_any(bd_digit *r, const bd_digit *a, size_t an,
		    const bd_digit *b, size_t bn, bd_digit *s);

/*
 * Karatsuba on AN >= BN >= AN / 2 digits: A = A1 B^h + A0, B = B1 B^h
 * + B0, A B = Z2 B^2h + (Z1 - Z2 - Z0) B^h + Z0 with Z1 = (A0 + A1)(B0
 * + B1).  Z0 and Z2 go straight into R; the sums and Z1 into S.
 */
static void mul_kara(bd_digit *r, const bd_digit *a, size_t an,
		     const bd_digit *b, size_t bn, bd_digit *s)
{
	size_t h = (an + 1) / 2;
	size_t a1n = an - h, b1n = bn - h;
	bd_digit *sa = s, *sb = s + h + 1, *z1 = s + 2 * (h + 1);
	size_t san, sbn, z1n;

	mul_any(r, a, h, b, h, s);
	if (b1n > 0)
		mul_any(r + 2 * h, a + h, a1n, b + h, b1n, s);
	else
		memset(r + 2 * h, 0, (a1n + b1n) * sizeof *r);
	san = bd_add(sa, a, h, a + h, a1n);
	sbn = bd_add(sb, b, h, b + h, b1n);
	mul_any(z1, sa, san, sb, sbn, s + 4 * (h + 1));
	z1n = bd_normalize(z1, san + sbn);
	z1n = bd_sub(z1, z1, z1n, r, 2 * h);
	z1n = bd_sub(z1, z1, z1n, r + 2 * h, a1n + b1n);
	add_into(r + h, an + bn - h, z1, z1n);
}

/*
 * R[0 .. an+bn) = A * B with any lengths: schoolbook for short
 * operands, Karatsuba for balanced long ones, and long-by-short as
 * pieces of the long one the size of the short one.
 */
static void mul_any(bd_digit *r, const bd_digit *a, size_t an,
		    const bd_digit *b, size_t bn, bd_digit *s)
{
	size_t rn = an + bn;

	an = bd_normalize(a, an);
	bn = bd_normalize(b, bn);
	if (an < bn) {
		const bd_digit *t = a;
		size_t tn = an;

		a = b, an = bn, b = t, bn = tn;
	}
	if (bn < BD_KARATSUBA_THRESHOLD) {
		mul_school(r, a, an, b, bn);
	} else if (an < 2 * bn) {
		mul_kara(r, a, an, b, bn, s);
	} else {
		bd_digit *piece = s;
		size_t i;

		memset(r, 0, (an + bn) * sizeof *r);
		for (i = 0; i < an; i += bn) {
			size_t n = an - i < bn ? an - i : bn;

			mul_any(piece, a + i, n, b, bn, s + 2 * bn);
			add_into(r + i, an + bn - i, piece, n + bn);
		}
	}
	if (an + bn < rn)
		memset(r + an + bn, 0, (rn - an - bn) * sizeof *r);
}

size_t bd_mul(bd_digit *r, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn, bd_digit *scratch)
{
	mul_any(r, a, an, b, bn, scratch);
	return bd_normalize(r, an + bn);
}

/* R[0 .. 2n) = A^2, schoolbook: each product a[i] a[j], i < j, once,
 * doubled by a shift, then the squares a[i]^2. */
static void sqr_school(bd_digit *r, const bd_digit *a, size_t n)
{
	size_t i, j;
	wide carry;

	memset(r, 0, 2 * n * sizeof *r);
	if (n == 0)
		return;
	for (i = 0; i + 1 < n; i++) {
		wide m = a[i];

		carry = 0;
		for (j = i + 1; j < n; j++) {
			carry += a[j] * m + r[i + j];
			r[i + j] = (bd_digit)carry;
			carry >>= 32;
		}
		r[i + n] = (bd_digit)carry;
	}
	bd_shift_left(r, r, 2 * n - 1, 1);	/* < 2^(64n - 1): fits */
	carry = 0;
	for (i = 0; i < n; i++) {
		wide sq = (wide)a[i] * a[i];

		carry += (wide)r[2 * i] + (bd_digit)sq;
		r[2 * i] = (bd_digit)carry;
		carry >>= 32;
		carry += (wide)r[2 * i + 1] + (sq >> 32);
		r[2 * i + 1] = (bd_digit)carry;
		carry >>= 32;
	}
}

/* R[0 .. 2 an) = A^2: Karatsuba's three products are squares too. */
static void sqr_any(bd_digit *r, const bd_digit *a, size_t an, bd_digit *s)
{
	size_t rn = 2 * an, n = bd_normalize(a, an), h, san, z1n;
	bd_digit *sa = s, *z1 = s + (n + 1) / 2 + 1;

	if (n < BD_KARATSUBA_THRESHOLD) {
		sqr_school(r, a, n);
	} else {
		h = (n + 1) / 2;
		sqr_any(r, a, h, s);
		sqr_any(r + 2 * h, a + h, n - h, s);
		san = bd_add(sa, a, h, a + h, n - h);
		sqr_any(z1, sa, san, s + 4 * (h + 1));
		z1n = bd_normalize(z1, 2 * san);
		z1n = bd_sub(z1, z1, z1n, r, 2 * h);
		z1n = bd_sub(z1, z1, z1n, r + 2 * h, 2 * (n - h));
		add_into(r + h, 2 * n - h, z1, z1n);
	}
	if (2 * n < rn)
		memset(r + 2 * n, 0, (rn - 2 * n) * sizeof *r);
}

size_t bd_square(bd_digit *r, const bd_digit *a, size_t an, bd_digit *scratch)
{
	sqr_any(r, a, an, scratch);
	return bd_normalize(r, 2 * an);
}

/* ---- Division ------------------------------------------------------------ */

size_t bd_divmod_scratch(size_t an, size_t bn)
{
	return an + bn + 2;
}

/*
 * Knuth's algorithm D (TAOCP 4.3.1) on U = A << s (un + 1 digits) and
 * V = B << s (vn >= 2 digits, top bit set): the quotient digits into Q
 * (if not NULL), the remainder << s left in U[0 .. vn).
 */
static void knuth_d(bd_digit *q, bd_digit *u, size_t un, const bd_digit *v,
		    size_t vn)
{
	wide vtop = v[vn - 1], vnext = v[vn - 2];
	size_t j = un - vn + 1;

	while (j-- > 0) {
		wide top = ((wide)u[j + vn] << 32) | u[j + vn - 1];
		wide qhat = top / vtop, rhat = top - qhat * vtop;
		wide borrow = 0, carry = 0;
		size_t i;

		while (qhat > 0xffffffffu ||
		       qhat * vnext > ((rhat << 32) | u[j + vn - 2])) {
			qhat--;
			rhat += vtop;
			if (rhat > 0xffffffffu)
				break;
		}
		/* U[j ..] -= qhat * V */
		for (i = 0; i < vn; i++) {
			wide p = qhat * v[i] + carry;
			wide d = (wide)u[i + j] - (bd_digit)p - borrow;

			carry = p >> 32;
			u[i + j] = (bd_digit)d;
			borrow = (d >> 32) & 1;
		}
		{
			wide d = (wide)u[j + vn] - carry - borrow;

			u[j + vn] = (bd_digit)d;
			borrow = (d >> 32) & 1;
		}
		if (borrow) {	/* qhat was one too large: add V back */
			qhat--;
			carry = 0;
			for (i = 0; i < vn; i++) {
				carry += (wide)u[i + j] + v[i];
				u[i + j] = (bd_digit)carry;
				carry >>= 32;
			}
			u[j + vn] += (bd_digit)carry;
		}
		if (q)
			q[j] = (bd_digit)qhat;
	}
}

void bd_divmod(bd_digit *q, size_t *qn, bd_digit *r, size_t *rn,
	       const bd_digit *a, size_t an, const bd_digit *b, size_t bn,
	       bd_digit *scratch)
{
	size_t qlen = 0, rlen;
	int shift;
	bd_digit *u, *v;

	an = bd_normalize(a, an);
	bn = bd_normalize(b, bn);
	if (an < bn) {
		if (q)
			q[0] = 0;
		if (r)
			memcpy(r, a, an * sizeof *r);
		rlen = an;
	} else if (bn == 1) {
		bd_digit rem;

		if (q) {
			qlen = bd_div_digit(q, a, an, b[0], &rem);
		} else {
			bd_digit *t = scratch;

			bd_div_digit(t, a, an, b[0], &rem);
		}
		if (r)
			r[0] = rem;
		rlen = rem != 0;
	} else {
		u = scratch;
		v = scratch + an + 1;
		shift = clz32(b[bn - 1]);
		bd_shift_left(v, b, bn, (size_t)shift);
		memset(u, 0, (an + 1) * sizeof *u);
		bd_shift_left(u, a, an, (size_t)shift);
		knuth_d(q, u, an, v, bn);
		if (q)
			qlen = bd_normalize(q, an - bn + 1);
		rlen = bd_shift_right(u, u, bn, (size_t)shift);
		if (r)
			memcpy(r, u, rlen * sizeof *r);
	}
	if (qn)
		*qn = qlen;
	if (rn)
		*rn = rlen;
}

/* ---- Square roots and gcds ----------------------------------------------- */

size_t bd_isqrt_scratch(size_t an)
{
	size_t h = an / 2 + 2;

	return 4 * h + bd_divmod_scratch(an, h) + 2 * h + bd_mul_scratch(h, h) + 4;
}

/*
 * x0 = 2^ceil(bits/2) >= sqrt(A); x' = (x + A/x) / 2 decreases while
 * x > floor(sqrt(A)) and stops there (the classic integer Newton
 * iteration: the first x' >= x means x is the root).
 */
void bd_isqrt(bd_digit *s, size_t *sn, bd_digit *r, size_t *rn,
	      const bd_digit *a, size_t an, bd_digit *scratch)
{
	size_t h = an / 2 + 2, xn, yn, qn, bits;
	bd_digit *x = scratch, *y = x + h, *q = y + h, *sq = q + 2 * h;
	bd_digit *ds = sq + 2 * h;

	an = bd_normalize(a, an);
	bits = bd_bit_length(a, an);
	if (an == 0) {
		xn = 0;
	} else {
		bd_digit one = 1;

		xn = bd_shift_left(x, &one, 1, (bits + 1) / 2);
		for (;;) {
			bd_divmod(q, &qn, NULL, NULL, a, an, x, xn, ds);
			yn = bd_add(y, x, xn, q, qn);
			yn = bd_shift_right(y, y, yn, 1);
			if (bd_compare(y, yn, x, xn) >= 0)
				break;
			memcpy(x, y, yn * sizeof *x);
			xn = yn;
		}
	}
	if (s)
		memcpy(s, x, xn * sizeof *s);
	if (sn)
		*sn = xn;
	if (r || rn) {
		size_t n = bd_mul(sq, x, xn, x, xn, ds);

		n = r ? bd_sub(r, a, an, sq, n) : bd_sub(sq, a, an, sq, n);
		if (rn)
			*rn = n;
	}
}

size_t bd_gcd_scratch(size_t an, size_t bn)
{
	size_t n = (an > bn ? an : bn) + 2;

	return 5 * n + bd_divmod_scratch(n, n);
}

/* Bits [shift, shift + 32) of A. */
static bd_digit bits_at(const bd_digit *a, size_t an, size_t shift)
{
	size_t w = shift / BD_BITS;
	unsigned s = shift % BD_BITS;
	wide lo = w < an ? a[w] : 0, hi = w + 1 < an ? a[w + 1] : 0;

	return (bd_digit)(((hi << 32) | lo) >> s);
}

/*
 * Lehmer's step (Knuth, TAOCP 4.5.2, Algorithm L): run Euclid on the
 * leading 32 bits UH >= VH of u >= v as long as the quotients are sure
 * to be those of u and v, collecting the cofactors.  Returns 0 when the
 * first quotient is already unsure (then a full division step is due),
 * else the cofactors: the new u = A u + B v, v = C u + D v.
 */
static int lehmer_step(int64_t uh, int64_t vh, int64_t *cof)
{
	int64_t a = 1, b = 0, c = 0, d = 1, q, t;

	while (vh + c > 0 && vh + d > 0) {
		q = (uh + a) / (vh + c);
		if (q != (uh + b) / (vh + d))
			break;
		t = a - q * c, a = c, c = t;
		t = b - q * d, b = d, d = t;
		t = uh - q * vh, uh = vh, vh = t;
	}
	cof[0] = a, cof[1] = b, cof[2] = c, cof[3] = d;
	return b != 0;
}

/* R = X U + Y V (|X|, |Y| < 2^32; the cofactors of Lehmer's step have
 * opposite signs or one is 0, and the result is >= 0); R and T have
 * max(un, vn) + 2 digits.  Returns the length, or -1 if the result would be
 * negative (which true cofactors never give). */
static long combine(bd_digit *r, bd_digit *t, int64_t x, const bd_digit *u,
		    size_t un, int64_t y, const bd_digit *v, size_t vn)
{
	size_t rn, tn;

	if (x < 0 && y < 0)
		return -1;
	if (x < 0) {		/* Y V - |X| U */
		const bd_digit *p = u;
		int64_t z = x;

		u = v, v = p, x = y, y = z;
		rn = un, un = vn, vn = rn;
	}
	rn = bd_mul_digit_add(r, u, un, (bd_digit)x, 0);
	tn = bd_mul_digit_add(t, v, vn, (bd_digit)(y < 0 ? -y : y), 0);
	if (y >= 0)
		return (long)bd_add(r, r, rn, t, tn);
	if (bd_compare(r, rn, t, tn) < 0)
		return -1;
	return (long)bd_sub(r, r, rn, t, tn);
}

/* gcd of two digits. */
static bd_digit gcd_digit(bd_digit a, bd_digit b)
{
	while (b) {
		bd_digit t = a % b;

		a = b, b = t;
	}
	return a;
}

size_t bd_gcd(bd_digit *g, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn, bd_digit *scratch)
{
	size_t n = (an > bn ? an : bn) + 2, un, vn, wn;
	bd_digit *u = scratch, *v = u + n, *w = v + n, *x = w + n, *t = x + n;
	bd_digit *ds = t + n, *p;
	int64_t cof[4];

	un = bd_normalize(a, an);
	vn = bd_normalize(b, bn);
	memcpy(u, a, un * sizeof *u);
	memcpy(v, b, vn * sizeof *v);
	if (bd_compare(u, un, v, vn) < 0)
		p = u, u = v, v = p, wn = un, un = vn, vn = wn;
	while (vn > 1) {
		size_t shift = bd_bit_length(u, un) - 32;
		long c1 = -1, c2 = -1;

		if (lehmer_step(bits_at(u, un, shift), bits_at(v, vn, shift), cof)) {
			c1 = combine(w, t, cof[0], u, un, cof[1], v, vn);
			c2 = combine(x, t, cof[2], u, un, cof[3], v, vn);
		}
		if (c1 >= 0 && c2 >= 0) {
			p = u, u = w, w = p, un = (size_t)c1;
			p = v, v = x, x = p, vn = (size_t)c2;
			if (bd_compare(u, un, v, vn) < 0)
				p = u, u = v, v = p, wn = un, un = vn, vn = wn;
		} else {	/* one step of Euclid in full */
			bd_divmod(NULL, NULL, w, &wn, u, un, v, vn, ds);
			p = u, u = v, v = w, w = p;
			un = vn, vn = wn;
		}
	}
	if (vn == 1) {
		bd_digit r;

		bd_div_digit(w, u, un, v[0], &r);
		u[0] = gcd_digit(v[0], r);
		un = 1;
	}
	memcpy(g, u, un * sizeof *g);
	return un;
}

/* ---- Bitwise operations -------------------------------------------------- */

/*
 * Digit I of the two's complement of a number: the magnitude's digit,
 * or for a negative number ~(|x| - 1)'s, with the borrow of the - 1
 * carried in *BORROW from digit to digit.
 */
static bd_digit twos_digit(const bd_digit *x, size_t xn, size_t i, int neg,
			   bd_digit *borrow)
{
	bd_digit d = i < xn ? x[i] : 0;

	if (!neg)
		return d;
	{
		bd_digit m = d - *borrow;

		*borrow = *borrow && d == 0;
		return ~m;
	}
}

size_t bd_bitwise(bd_digit *r, int *rneg, int op,
		  const bd_digit *a, size_t an, int aneg,
		  const bd_digit *b, size_t bn, int bneg)
{
	size_t n, i;
	bd_digit ba = 1, bb = 1, carry = 1;
	int neg;

	an = bd_normalize(a, an);
	bn = bd_normalize(b, bn);
	aneg = aneg && an > 0;
	bneg = bneg && bn > 0;
	n = (an > bn ? an : bn) + 1;
	neg = op == BD_AND ? aneg && bneg : op == BD_OR ? aneg || bneg : aneg != bneg;
	for (i = 0; i < n; i++) {
		bd_digit x = twos_digit(a, an, i, aneg, &ba);
		bd_digit y = twos_digit(b, bn, i, bneg, &bb);
		bd_digit z = op == BD_AND ? x & y : op == BD_OR ? x | y : x ^ y;

		if (neg) {	/* back to a magnitude: ~z + 1 */
			z = ~z + carry;
			carry = carry && z == 0;
		}
		r[i] = z;
	}
	n = bd_normalize(r, n);
	*rneg = neg && n > 0;
	return n;
}

/* ---- Shifts -------------------------------------------------------------- */

size_t bd_shift_left(bd_digit *r, const bd_digit *a, size_t an, size_t bits)
{
	size_t words = bits / BD_BITS, i;
	unsigned s = bits % BD_BITS;

	an = bd_normalize(a, an);
	if (an == 0)
		return 0;
	if (s == 0) {
		memmove(r + words, a, an * sizeof *r);
		r[an + words] = 0;
	} else {
		r[an + words] = a[an - 1] >> (BD_BITS - s);
		for (i = an - 1; i > 0; i--)
			r[i + words] = (a[i] << s) | (a[i - 1] >> (BD_BITS - s));
		r[words] = a[0] << s;
	}
	memset(r, 0, words * sizeof *r);
	return bd_normalize(r, an + words + 1);
}

size_t bd_shift_right(bd_digit *r, const bd_digit *a, size_t an, size_t bits)
{
	size_t words = bits / BD_BITS, i, n;
	unsigned s = bits % BD_BITS;

	an = bd_normalize(a, an);
	if (words >= an)
		return 0;
	n = an - words;
	if (s == 0) {
		memmove(r, a + words, n * sizeof *r);
	} else {
		for (i = 0; i + 1 < n; i++)
			r[i] = (a[i + words] >> s) | (a[i + words + 1] << (BD_BITS - s));
		r[n - 1] = a[an - 1] >> s;
	}
	return bd_normalize(r, n);
}

int bd_low_bits_nonzero(const bd_digit *a, size_t an, size_t bits)
{
	size_t words = bits / BD_BITS, i;
	unsigned s = bits % BD_BITS;

	for (i = 0; i < words && i < an; i++)
		if (a[i])
			return 1;
	if (s && words < an && (a[words] & ((1u << s) - 1)))
		return 1;
	return 0;
}

/* ---- Text ---------------------------------------------------------------- */

static int radix_bits(int radix)
{
	return radix == 2 ? 1 : radix == 8 ? 3 : radix == 16 ? 4 : 0;
}

size_t bd_text_size(size_t an, int radix)
{
	/* 32 bits make less than 10 decimal digits (2^32 < 10^10), and
	 * to_text_decimal writes whole chunks of 9 (up to 8 zeros more). */
	int b = radix_bits(radix);

	return (b ? an * BD_BITS / (size_t)b + 1 : an * 10 + 9) + 2;
}

/* A power-of-two radix: B bits per char, straight from the digits. */
static size_t to_text_bits(char *out, const bd_digit *a, size_t an, int b)
{
	size_t bits = bd_bit_length(a, an);
	size_t chars = (bits + (size_t)b - 1) / (size_t)b, i;

	for (i = 0; i < chars; i++) {
		size_t pos = (chars - 1 - i) * (size_t)b;
		size_t w = pos / BD_BITS;
		unsigned s = pos % BD_BITS;
		unsigned v = a[w] >> s;

		if (s + (unsigned)b > BD_BITS && w + 1 < an)
			v |= a[w + 1] << (BD_BITS - s);
		out[i] = "0123456789abcdef"[v & ((1u << b) - 1)];
	}
	return chars;
}

/*
 * Decimal: divide by 10^9 and write the nine digits of each remainder
 * from the end of OUT backwards, then move them to the front.  The
 * number shrinks by a digit every 1.07 steps, so this is quadratic
 * with a small constant: a 33,000-bit number (9,942 digits) takes 3 ms
 * on x86-64, 6 ms on ARM under qemu (tools/bigdigits-bench.c).
 */
static size_t to_text_decimal(char *out, size_t size, const bd_digit *a,
			      size_t an, bd_digit *s)
{
	size_t end = size - 1, pos = end, n;

	memcpy(s, a, an * sizeof *s);
	n = an;
	while (n > 0) {
		bd_digit rem;
		int k;

		n = bd_div_digit(s, s, n, 1000000000u, &rem);
		for (k = 0; k < 9; k++) {
			out[--pos] = (char)('0' + rem % 10);
			rem /= 10;
		}
	}
	while (pos < end - 1 && out[pos] == '0')
		pos++;
	memmove(out, out + pos, end - pos);
	return end - pos;
}

size_t bd_to_text(char *out, const bd_digit *a, size_t an, int radix,
		  bd_digit *scratch)
{
	size_t n;
	int b = radix_bits(radix);

	an = bd_normalize(a, an);
	if (an == 0) {
		out[0] = '0';
		out[1] = 0;
		return 1;
	}
	if (b)
		n = to_text_bits(out, a, an, b);
	else
		n = to_text_decimal(out, bd_text_size(an, radix), a, an, scratch);
	out[n] = 0;
	return n;
}

size_t bd_from_text_size(size_t len, int radix)
{
	int b = radix_bits(radix);

	/* 10^9 < 2^30: nine decimal chars never add a whole digit. */
	return (b ? len * (size_t)b / BD_BITS : len / 9) + 2;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

size_t bd_from_text(bd_digit *r, const char *s, size_t len, int radix)
{
	size_t n = 0, i = 0;

	/* Chunks of 9 chars (decimal) or 7 (hex, octal, binary: 28 bits at
	 * most) as one multiply-and-add each. */
	int chunk = radix == 10 ? 9 : 7;

	while (i < len) {
		bd_digit m = 1, add = 0;
		int k;

		for (k = 0; k < chunk && i < len; k++, i++) {
			int v = digit_value(s[i]);

			if (v >= radix)
				return (size_t)-1;
			m *= (bd_digit)radix;
			add = add * (bd_digit)radix + (bd_digit)v;
		}
		n = bd_mul_digit_add(r, r, n, m, add);
	}
	return n;
}

/* ---- Doubles ------------------------------------------------------------- */

static double from_bits(uint64_t bits)
{
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

static uint64_t to_bits(double d)
{
	uint64_t bits;

	memcpy(&bits, &d, sizeof bits);
	return bits;
}

/*
 * The double nearest to TOP * 2^E (+ a little more when STICKY), TOP
 * with its bit 63 set, negated when NEG: round TOP to the 53 bits of a
 * normal double or to the fewer bits a subnormal keeps, ties to even.
 */
static double round_bits(uint64_t top, int sticky, int64_t e, int neg)
{
	int64_t p = 63 + e;	/* the exponent of TOP's leading bit */
	uint64_t sign = neg ? (uint64_t)1 << 63 : 0, m, rest, half;
	int64_t keep = p >= -1022 ? 53 : p + 1075;
	unsigned shift;

	if (p > 1023)
		return from_bits(sign | 0x7ff0000000000000ull);
	if (keep < 0)
		return from_bits(sign);
	shift = (unsigned)(64 - keep);
	if (shift == 64) {	/* below the smallest subnormal's half-way? */
		m = 0;
		rest = top;
		half = (uint64_t)1 << 63;
	} else {
		m = top >> shift;
		rest = top & (((uint64_t)1 << shift) - 1);
		half = (uint64_t)1 << (shift - 1);
	}
	if (rest > half || (rest == half && (sticky || (m & 1))))
		m++;
	if (keep < 53)		/* subnormal: a carry to 2^52 is the least normal */
		return from_bits(sign | m);
	if (m >> 53) {
		m >>= 1;
		p++;
		if (p > 1023)
			return from_bits(sign | 0x7ff0000000000000ull);
	}
	return from_bits(sign | ((uint64_t)(p + 1023) << 52) | (m & 0xfffffffffffffull));
}

/* The top 64 bits of A (normalized, of bit length BITS > 0),
 * left-justified, and whether any bit below them is 1. */
static uint64_t top_bits(const bd_digit *a, size_t an, size_t bits, int *sticky)
{
	int lead = clz32(a[an - 1]);
	uint64_t hi = ((uint64_t)a[an - 1] << 32) | (an > 1 ? a[an - 2] : 0);
	uint64_t lo = an > 2 ? a[an - 3] : 0;

	*sticky = bits > 64 && bd_low_bits_nonzero(a, an, bits - 64);
	return lead ? (hi << lead) | (lo >> (32 - lead)) : hi;
}

double bd_to_double(const bd_digit *a, size_t an, int negative)
{
	size_t bits;
	uint64_t top;
	int sticky;

	an = bd_normalize(a, an);
	bits = bd_bit_length(a, an);
	if (bits == 0)
		return from_bits(negative ? (uint64_t)1 << 63 : 0);
	if (bits > 2000)
		return round_bits((uint64_t)1 << 63, 0, 2000, negative);
	top = top_bits(a, an, bits, &sticky);
	return round_bits(top, sticky, (int64_t)bits - 64, negative);
}

size_t bd_ratio_scratch(size_t nn, size_t dn)
{
	return nn + 4 * dn + 32;
}

/*
 * N / D with 65 or 66 quotient bits: Q = floor(N 2^-k / D) for the k
 * that gives them (floor(floor(N / 2^k) / D) = floor(N / (2^k D)) when
 * k > 0), and a sticky bit for what was dropped; then rounded as above.
 */
double bd_ratio_to_double(const bd_digit *n, size_t nn,
			  const bd_digit *d, size_t dn, int negative,
			  bd_digit *scratch)
{
	int64_t nb, db, k;
	size_t tn, qn, rn;
	bd_digit *t = scratch, *q, *r, *s;
	int sticky = 0;
	uint64_t top;
	int qsticky;
	size_t qbits;

	nn = bd_normalize(n, nn);
	dn = bd_normalize(d, dn);
	nb = (int64_t)bd_bit_length(n, nn);
	db = (int64_t)bd_bit_length(d, dn);
	if (nb == 0)
		return from_bits(negative ? (uint64_t)1 << 63 : 0);
	if (nb - db > 1100)
		return round_bits((uint64_t)1 << 63, 0, 2000, negative);
	if (nb - db < -1100)
		return round_bits((uint64_t)1 << 63, 0, -2000, negative);
	k = nb - db - 65;
	if (k >= 0) {
		tn = bd_shift_right(t, n, nn, (size_t)k);
		sticky = bd_low_bits_nonzero(n, nn, (size_t)k);
	} else {
		tn = bd_shift_left(t, n, nn, (size_t)-k);
	}
	q = t + (nn > dn + 6 ? nn : dn + 6);
	r = q + 8;
	s = r + dn;
	bd_divmod(q, &qn, r, &rn, t, tn, d, dn, s);
	sticky |= rn != 0;
	qbits = bd_bit_length(q, qn);
	top = top_bits(q, qn, qbits, &qsticky);
	return round_bits(top, sticky | qsticky, k + (int64_t)qbits - 64, negative);
}

int bd_from_double(double x, uint64_t *mantissa, int *exponent, int *negative)
{
	uint64_t bits = to_bits(x);
	int e = (int)((bits >> 52) & 0x7ff);
	uint64_t m = bits & 0xfffffffffffffull;

	*negative = (int)(bits >> 63);
	*mantissa = 0;
	*exponent = 0;
	if (e == 0x7ff) {
		if (m) {
			*negative = 0;
			return BD_NAN;
		}
		return BD_INFINITE;
	}
	if (e == 0)
		e = 1;
	else
		m |= (uint64_t)1 << 52;
	if (m == 0)
		return BD_FINITE;
	e -= 1075;
	while (!(m & 1)) {
		m >>= 1;
		e++;
	}
	*mantissa = m;
	*exponent = e;
	return BD_FINITE;
}
