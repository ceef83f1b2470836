/*
 * test/runtime/test_bigdigits.c - magnitude arithmetic (bigdigits.c).
 *
 * In:  random magnitudes from a fixed generator (the same on every
 *      target), shaped to hit carries (digits of all ones), zero digits
 *      and every length from 0 to past the Karatsuba threshold; known
 *      values.
 * Out: checks that products agree with products of short pieces, that
 *      A*B + C divided by B gives back A and C, that shifts, sums and
 *      differences agree with each other, that text in every radix reads
 *      back, and that conversions to double round correctly at the
 *      edges (ties, overflow, subnormals), with expected values worked
 *      out by hand from the binary representations.
 *
 * Why it exists: bignum bugs show up as rare wrong digits; the checks
 * here relate the operations to each other on thousands of shapes.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "bigdigits.h"

#define MAXN 700
static bd_digit a[MAXN], b[MAXN], c[MAXN], p[2 * MAXN + 2], p2[2 * MAXN + 2];
static bd_digit q[2 * MAXN + 2], r[2 * MAXN + 2], t[2 * MAXN + 2];
static bd_digit scratch[16 * MAXN];
static char text[40 * MAXN];

static uint64_t seed = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/* A random magnitude of up to MAX digits in one of four shapes. */
static size_t gen(bd_digit *x, size_t max)
{
	size_t n = (size_t)(rnd() % (max + 1)), i;
	int shape = (int)(rnd() % 4);

	for (i = 0; i < n; i++) {
		x[i] = (bd_digit)rnd();
		if (shape == 1)
			x[i] = rnd() % 3 ? 0xffffffffu : 0;
		else if (shape == 2 && rnd() % 2)
			x[i] = 0;
		else if (shape == 3)
			x[i] = (bd_digit)(rnd() % 3);
	}
	return bd_normalize(x, n);
}

static int same(const bd_digit *x, size_t xn, const bd_digit *y, size_t yn)
{
	return bd_compare(x, xn, y, yn) == 0 && xn == bd_normalize(x, xn) &&
	       yn == bd_normalize(y, yn);
}

/* P2 = A * B by pieces of B of 5 digits (schoolbook only), as sums. */
static size_t mul_by_pieces(const bd_digit *x, size_t xn, const bd_digit *y, size_t yn)
{
	size_t n = 0, i, k;

	memset(p2, 0, sizeof p2);
	for (i = 0; i < yn; i += 5) {
		size_t pn = yn - i < 5 ? yn - i : 5, tn;

		tn = bd_mul(t, x, xn, y + i, pn, NULL);
		/* shift by i digits */
		memmove(t + i, t, tn * sizeof *t);
		memset(t, 0, i * sizeof *t);
		k = tn ? tn + i : 0;
		n = bd_add(p2, p2, n, t, k);
	}
	return n;
}

static void test_mul_div(void)
{
	int it, bad_mul = 0, bad_div = 0, bad_sq = 0;

	for (it = 0; it < 600; it++) {
		size_t max = it < 300 ? 12 : it < 500 ? 120 : MAXN;
		size_t an = gen(a, max), bn = it % 3 ? gen(b, max) : an, cn, pn, p2n, qn, rn;

		pn = bd_mul(p, a, an, b, bn, scratch);
		p2n = mul_by_pieces(a, an, b, bn);
		bad_mul += !same(p, pn, p2, p2n);
		if (an == bn) {
			size_t sn = bd_square(p2, a, an, scratch);
			size_t s2 = bd_mul(t, a, an, a, an, scratch);

			bad_sq += !same(p2, sn, t, s2);
		}
		if (bn == 0)
			continue;
		/* (A * B + C) / B = A rem C, for C < B */
		cn = gen(c, bn);
		if (bd_compare(c, cn, b, bn) >= 0)
			cn = bd_sub(c, c, cn, b, bn);
		if (bd_compare(c, cn, b, bn) >= 0)
			cn = 0;
		pn = bd_add(p, p, pn, c, cn);
		bd_divmod(q, &qn, r, &rn, p, pn, b, bn, scratch);
		bad_div += !same(q, qn, a, an) || !same(r, rn, c, cn);
		/* and A / B directly, checked by multiplying back */
		bd_divmod(q, &qn, r, &rn, a, an, b, bn, scratch);
		pn = bd_mul(p, q, qn, b, bn, scratch);
		pn = bd_add(p, p, pn, r, rn);
		bad_div += !same(p, pn, a, an) || bd_compare(r, rn, b, bn) >= 0;
	}
	CHECK(bad_mul == 0);
	CHECK(bad_sq == 0);
	CHECK(bad_div == 0);
	CHECK(bd_mul_scratch(10, 1000) == 0);
}

static void test_shift_add_sub(void)
{
	int it, bad = 0;

	for (it = 0; it < 2000; it++) {
		size_t an = gen(a, 20), bn = gen(b, 20), sn, dn, n;
		size_t bits = (size_t)(rnd() % 200);

		/* (A << k) >> k = A, and (A >> k) << k + low bits = A */
		n = bd_shift_left(p, a, an, bits);
		n = bd_shift_right(p, p, n, bits);
		bad += !same(p, n, a, an);
		n = bd_shift_right(p, a, an, bits);
		bad += (bd_low_bits_nonzero(a, an, bits) == 0) !=
		       same(a, an, p, bd_shift_left(p, p, n, bits));
		/* (A + B) - B = A, A + B = B + A */
		sn = bd_add(p, a, an, b, bn);
		n = bd_add(q, b, bn, a, an);
		bad += !same(p, sn, q, n);
		dn = bd_sub(p, p, sn, b, bn);
		bad += !same(p, dn, a, an);
		/* A * m + k by digits = by bd_mul */
		{
			bd_digit m = (bd_digit)rnd() | 1, k = (bd_digit)rnd() % m, rem;
			bd_digit md[1] = { m }, kd[1] = { k };

			n = bd_mul_digit_add(p, a, an, m, k);
			sn = bd_mul(q, a, an, md, 1, NULL);
			sn = bd_add(q, q, sn, kd, 1);
			bad += !same(p, n, q, sn);
			n = bd_div_digit(q, p, n, m, &rem);	/* back to A, rem K */
			bad += !same(q, n, a, an) || rem != k;
		}
	}
	CHECK(bad == 0);
	/* division by the edge digits: A = Q d + R, R < d */
	{
		static const bd_digit ds[] = { 1, 2, 3, 10, 1000000000u, 0x7fffffffu,
					       0x80000000u, 0xfffffffeu, 0xffffffffu };
		size_t k;

		bad = 0;
		for (it = 0; it < 200; it++) {
			size_t an = gen(a, 40), qn, n;

			for (k = 0; k < sizeof ds / sizeof ds[0]; k++) {
				bd_digit rem;

				qn = bd_div_digit(q, a, an, ds[k], &rem);
				n = bd_mul_digit_add(p, q, qn, ds[k], rem);
				bad += !same(p, n, a, an) || rem >= ds[k];
			}
		}
		CHECK(bad == 0);
	}
	CHECK(bd_bit_length(a, 0) == 0);
	a[0] = 1, a[1] = 0x80000000u;
	CHECK(bd_bit_length(a, 2) == 64);
	a[2] = 0;
	CHECK(bd_compare(a, 3, a, 2) == 0);
}

static void test_text(void)
{
	static const int radixes[4] = { 2, 8, 10, 16 };
	int it, bad = 0, i;
	size_t n;

	for (it = 0; it < 400; it++) {
		size_t an = gen(a, it < 350 ? 20 : 300);

		for (i = 0; i < 4; i++) {
			size_t len = bd_to_text(text, a, an, radixes[i], scratch);

			bad += len != strlen(text) || (len > 1 && text[0] == '0');
			n = bd_from_text(p, text, len, radixes[i]);
			bad += !same(p, n, a, an);
		}
	}
	CHECK(bad == 0);
	/* 2^128 (digits from its definition: 2^64 squared) */
	memset(a, 0, 5 * sizeof *a);
	a[4] = 1;
	bd_to_text(text, a, 5, 10, scratch);
	CHECK(strcmp(text, "340282366920938463463374607431768211456") == 0);
	bd_to_text(text, a, 5, 16, scratch);
	CHECK(strcmp(text, "100000000000000000000000000000000") == 0);
	bd_to_text(text, a, 0, 10, scratch);
	CHECK(strcmp(text, "0") == 0);
	n = bd_from_text(p, "DeadBeef", 8, 16);
	CHECK(n == 1 && p[0] == 0xdeadbeefu);
	CHECK(bd_from_text(p, "129", 3, 8) == (size_t)-1);
	CHECK(bd_from_text(p, "12a", 3, 10) == (size_t)-1);
	CHECK(bd_from_text(p, "", 0, 10) == 0);
	strcpy(text, "000000000000000000000000000000000000012");
	n = bd_from_text(p, text, strlen(text), 10);
	CHECK(n == 1 && p[0] == 12);
	/* 10^40 = 2^40 5^40: 41 chars, from text and back */
	memcpy(text, "1", 1);
	memset(text + 1, '0', 40);
	n = bd_from_text(p, text, 41, 10);
	CHECK(bd_bit_length(p, n) == 133);	/* 10^40 < 2^133 = 1.09e40 */
	bd_to_text(text + 50, p, n, 10, scratch);
	CHECK(strncmp(text + 50, text, 41) == 0 && text[91] == 0);
}

static void test_isqrt_gcd(void)
{
	int it, bad_sqrt = 0, bad_gcd = 0;
	size_t sn, rn, n, gn, g2n, cn;
	bd_digit one[1] = { 1 };

	for (it = 0; it < 300; it++) {
		size_t an = gen(a, it < 250 ? 10 : 200), bn = gen(b, it < 250 ? 10 : 200);

		/* S^2 <= A < (S + 1)^2 and R = A - S^2 */
		bd_isqrt(q, &sn, r, &rn, a, an, scratch);
		n = bd_mul(p, q, sn, q, sn, scratch);
		n = bd_add(p, p, n, r, rn);
		bad_sqrt += !same(p, n, a, an);
		sn = bd_add(q, q, sn, one, 1);
		n = bd_mul(p, q, sn, q, sn, scratch);
		bad_sqrt += bd_compare(p, n, a, an) <= 0;
		/* G = gcd(A C, B C): C divides G, G divides both, and
		 * gcd(A C / G, B C / G) = 1 */
		cn = gen(c, 30);
		an = bd_mul(p, a, an, c, cn, scratch);
		bn = bd_mul(p2, b, bn, c, cn, scratch);
		gn = bd_gcd(t, p, an, p2, bn, scratch);
		if (gn == 0) {
			bad_gcd += an != 0 || bn != 0;
			continue;
		}
		bd_divmod(NULL, NULL, r, &rn, t, gn, c, cn ? cn : 1, scratch);
		bad_gcd += cn && rn != 0;
		bd_divmod(a, &an, r, &rn, p, an, t, gn, scratch);
		bad_gcd += rn != 0;
		bd_divmod(b, &bn, r, &rn, p2, bn, t, gn, scratch);
		bad_gcd += rn != 0;
		g2n = bd_gcd(t, a, an, b, bn, scratch);
		bad_gcd += !same(t, g2n, one, 1);
	}
	CHECK(bad_sqrt == 0);
	CHECK(bad_gcd == 0);
	a[0] = 1000000;
	bd_isqrt(q, &sn, NULL, &rn, a, 1, scratch);
	CHECK(sn == 1 && q[0] == 1000 && rn == 0);
	a[0] = 999999;
	bd_isqrt(q, &sn, r, &rn, a, 1, scratch);
	CHECK(sn == 1 && q[0] == 999 && rn == 1 && r[0] == 1998);
	bd_isqrt(q, &sn, r, &rn, a, 0, scratch);
	CHECK(sn == 0 && rn == 0);
	a[0] = 12, b[0] = 18;
	CHECK(bd_gcd(t, a, 1, b, 1, scratch) == 1 && t[0] == 6);
	CHECK(bd_gcd(t, a, 1, b, 0, scratch) == 1 && t[0] == 12);
}

/* A op B on small signed numbers, as sign and magnitude. */
static long bitwise_small(int op, long x, long y)
{
	bd_digit xd[1] = { (bd_digit)(x < 0 ? -x : x) }, yd[1] = { (bd_digit)(y < 0 ? -y : y) };
	bd_digit rd[2];
	int neg;
	size_t n = bd_bitwise(rd, &neg, op, xd, 1, x < 0, yd, 1, y < 0);

	return n == 0 ? 0 : neg ? -(long)rd[0] : (long)rd[0];
}

static void test_bitwise(void)
{
	int it, bad = 0, neg, neg2;
	size_t n, n2;
	bd_digit one[1] = { 1 };

	/* worked out in binary: -5 = ...11011, -6 = ...11010, -3 = ...11101 */
	CHECK(bitwise_small(BD_AND, -5, 3) == 3);
	CHECK(bitwise_small(BD_OR, -5, 3) == -5);
	CHECK(bitwise_small(BD_XOR, -5, 3) == -8);
	CHECK(bitwise_small(BD_AND, -6, -3) == -8);
	CHECK(bitwise_small(BD_OR, -6, -3) == -1);
	CHECK(bitwise_small(BD_XOR, -6, -3) == 7);
	CHECK(bitwise_small(BD_AND, 12, 10) == 8);
	CHECK(bitwise_small(BD_OR, 12, 10) == 14);
	CHECK(bitwise_small(BD_XOR, 12, -0) == 12);
	for (it = 0; it < 2000; it++) {
		size_t an = gen(a, 12), bn = gen(b, 12);
		int an_ = (int)(rnd() & 1), bneg = (int)(rnd() & 1);

		an_ = an_ && an > 0;
		/* (A ^ B) ^ B = A */
		n = bd_bitwise(p, &neg, BD_XOR, a, an, an_, b, bn, bneg);
		n = bd_bitwise(p, &neg, BD_XOR, p, n, neg, b, bn, bneg);
		bad += !same(p, n, a, an) || neg != an_;
		/* A & A = A | A = A; A & 0 = 0; A | 0 = A */
		n = bd_bitwise(p, &neg, BD_AND, a, an, an_, a, an, an_);
		bad += !same(p, n, a, an) || neg != an_;
		n = bd_bitwise(p, &neg, BD_OR, a, an, an_, a, an, an_);
		bad += !same(p, n, a, an) || neg != an_;
		n = bd_bitwise(p, &neg, BD_AND, a, an, an_, b, 0, 0);
		bad += n != 0 || neg;
		/* A ^ -1 = -A - 1 */
		n = bd_bitwise(p, &neg, BD_XOR, a, an, an_, one, 1, 1);
		if (an_)
			n2 = bd_sub(q, a, an, one, 1), neg2 = 0;
		else
			n2 = bd_add(q, a, an, one, 1), neg2 = 1;
		bad += !same(p, n, q, n2) || neg != neg2;
		/* De Morgan: ~(A & B) = ~A | ~B, with ~X = X ^ -1 */
		n = bd_bitwise(p, &neg, BD_AND, a, an, an_, b, bn, bneg);
		n = bd_bitwise(p, &neg, BD_XOR, p, n, neg, one, 1, 1);
		n2 = bd_bitwise(q, &neg2, BD_XOR, a, an, an_, one, 1, 1);
		{
			size_t n3;
			int neg3;

			n3 = bd_bitwise(r, &neg3, BD_XOR, b, bn, bneg, one, 1, 1);
			n2 = bd_bitwise(q, &neg2, BD_OR, q, n2, neg2, r, n3, neg3);
		}
		bad += !same(p, n, q, n2) || neg != neg2;
	}
	CHECK(bad == 0);
}

static uint64_t bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return u;
}

/* 2^K as a magnitude in X (K < 32 * MAXN). */
static size_t power2(bd_digit *x, size_t k)
{
	memset(x, 0, (k / 32 + 1) * sizeof *x);
	x[k / 32] = 1u << (k % 32);
	return k / 32 + 1;
}

static void test_to_double(void)
{
	size_t n;
	bd_digit one[1] = { 1 }, three[1] = { 3 }, ten[1] = { 10 };

	n = bd_from_u64(a, ((uint64_t)1 << 53) + 1);	/* a tie: to even */
	CHECK(bits(bd_to_double(a, n, 0)) == 0x4340000000000000ull);
	n = bd_from_u64(a, ((uint64_t)1 << 53) + 3);	/* a tie: up to even */
	CHECK(bits(bd_to_double(a, n, 1)) == 0xc340000000000002ull);
	n = bd_from_u64(a, 0xffffffffffffffffull);	/* rounds up to 2^64 */
	CHECK(bits(bd_to_double(a, n, 0)) == 0x43f0000000000000ull);
	CHECK(bits(bd_to_double(a, 0, 1)) == 0x8000000000000000ull);
	/* 2^1024 - 2^970 is half-way between the largest double and 2^1024:
	 * to even, which is 2^1024, infinity; one less is the largest. */
	n = power2(a, 1024);
	n = bd_sub(a, a, n, b, power2(b, 970));
	CHECK(bits(bd_to_double(a, n, 0)) == 0x7ff0000000000000ull);
	n = bd_sub(a, a, n, one, 1);
	CHECK(bits(bd_to_double(a, n, 0)) == 0x7fefffffffffffffull);
	n = power2(a, 5000);
	CHECK(bits(bd_to_double(a, n, 1)) == 0xfff0000000000000ull);

	CHECK(bits(bd_ratio_to_double(one, 1, three, 1, 0, scratch)) == 0x3fd5555555555555ull);
	CHECK(bits(bd_ratio_to_double(one, 1, ten, 1, 0, scratch)) == 0x3fb999999999999aull);
	CHECK(bits(bd_ratio_to_double(three, 1, one, 1, 1, scratch)) == 0xc008000000000000ull);
	/* 1 / 2^1074 is the least subnormal, 1 / 2^1075 half of it (a tie:
	 * to even, 0), 3 / 2^1076 three quarters of it (up). */
	n = power2(a, 1074);
	CHECK(bits(bd_ratio_to_double(one, 1, a, n, 0, scratch)) == 1);
	n = power2(a, 1075);
	CHECK(bits(bd_ratio_to_double(one, 1, a, n, 1, scratch)) == 0x8000000000000000ull);
	n = bd_sub(a, a, n, one, 1);	/* 1 / (2^1075 - 1): just above half */
	CHECK(bits(bd_ratio_to_double(one, 1, a, n, 0, scratch)) == 1);
	n = power2(a, 1076);
	CHECK(bits(bd_ratio_to_double(three, 1, a, n, 0, scratch)) == 1);
	/* (2^52 - 1/2) / 2^1074: a tie between the largest subnormal and
	 * the least normal: to even, the normal one. */
	n = bd_from_u64(b, ((uint64_t)1 << 53) - 1);
	CHECK(bits(bd_ratio_to_double(b, n, a, power2(a, 1075), 0, scratch)) == 0x0010000000000000ull);
	/* a huge numerator over a small denominator: 2^3000 / 3 */
	n = power2(a, 3000);
	CHECK(bits(bd_ratio_to_double(a, n, three, 1, 0, scratch)) == 0x7ff0000000000000ull);
	n = power2(a, 1000);
	CHECK(bits(bd_ratio_to_double(a, n, three, 1, 0, scratch)) == 0x7e55555555555555ull);
	CHECK(bits(bd_ratio_to_double(three, 1, a, n, 0, scratch)) == 0x0188000000000000ull);
}

static void test_from_double(void)
{
	uint64_t m;
	int e, neg;
	double x;

	CHECK(bd_from_double(6.0, &m, &e, &neg) == BD_FINITE && m == 3 && e == 1 && !neg);
	CHECK(bd_from_double(-0.375, &m, &e, &neg) == BD_FINITE && m == 3 && e == -3 && neg);
	CHECK(bd_from_double(-0.0, &m, &e, &neg) == BD_FINITE && m == 0 && e == 0 && neg);
	memcpy(&x, &(uint64_t){ 1 }, sizeof x);
	CHECK(bd_from_double(x, &m, &e, &neg) == BD_FINITE && m == 1 && e == -1074);
	memcpy(&x, &(uint64_t){ 0x7fefffffffffffffull }, sizeof x);
	CHECK(bd_from_double(x, &m, &e, &neg) == BD_FINITE &&
	      m == 0x1fffffffffffffull && e == 971);
	memcpy(&x, &(uint64_t){ 0xfff0000000000000ull }, sizeof x);
	CHECK(bd_from_double(x, &m, &e, &neg) == BD_INFINITE && neg);
	memcpy(&x, &(uint64_t){ 0xfff8000000000001ull }, sizeof x);
	CHECK(bd_from_double(x, &m, &e, &neg) == BD_NAN);
}

int main(void)
{
	test_mul_div();
	test_shift_add_sub();
	test_text();
	test_isqrt_gcd();
	test_bitwise();
	test_to_double();
	test_from_double();
	return h_finish();
}
