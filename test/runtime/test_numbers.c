/*
 * test/runtime/test_numbers.c - the shortcuts of numbers.c that skip
 * the bignum digits.
 *
 * In:  random fixnums below 2^53 and their ratios; bignum pairs with
 *      known gcds.
 * Out: checks that inexact of a fixnum and of a ratio of fixnums (the
 *      one-division shortcut) gives exactly what the digit code of
 *      bigdigits.c gives, and that %num-quick's gcd operation answers
 *      for bignums (so language/numbers.zt's gcd takes it) with the
 *      right value, and #f for what it leaves to Euclid.
 *
 * Why it exists: the shortcuts must give the same bits as the general
 * path on every target, and a gcd shortcut that silently stopped
 * answering would only show as a slower ratio benchmark.
 */
#include <string.h>
#include "harness.h"
#include "bigdigits.h"

static uint64_t state = 88172645463325252ull;

static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static double flo(zval x)
{
	double d;

	memcpy(&d, OBJ_PTR(x) + 1, sizeof d);
	return d;
}

static int same_bits(double a, double b)
{
	return !memcmp(&a, &b, sizeof a);
}

/* A random fixnum of up to BITS bits (and at most FIXNUM_MAX - 2). */
static zint random_fixnum(int bits)
{
	uint64_t m = rnd() >> (64 - bits);

	if (m > (uint64_t)FIXNUM_MAX - 2)
		m = (uint64_t)FIXNUM_MAX - 2;
	return (zint)m;
}

static void test_inexact(void)
{
	int i, bad_int = 0, bad_ratio = 0;
	bd_digit nd[2], dd[2], scratch[64];

	for (i = 0; i < 20000; i++) {
		int bits = 1 + (int)(rnd() % 53);
		zint n = random_fixnum(bits), d = random_fixnum(1 + (int)(rnd() % 53)) + 2;
		int neg = (rnd() & 1) && n != 0;	/* no -0 among the integers */
		size_t nn = bd_from_u64(nd, (uint64_t)n), dn = bd_from_u64(dd, (uint64_t)d);
		double want_int = bd_to_double(nd, nn, neg);
		double want_ratio = bd_ratio_to_double(nd, nn, dd, dn, neg, scratch);

		CHECK(bd_ratio_scratch(nn, dn) <= 64);
		bad_int += !same_bits(flo(zp_int_to_flo(MAKE_FIXNUM(neg ? -n : n))), want_int);
		if (n != 0)
			bad_ratio += !same_bits(flo(zp_ratio_to_flo(MAKE_FIXNUM(neg ? -n : n),
								     MAKE_FIXNUM(d))), want_ratio);
	}
	CHECK(bad_int == 0);
	CHECK(bad_ratio == 0);
	CHECK(flo(zp_ratio_to_flo(MAKE_FIXNUM(1), MAKE_FIXNUM(3))) == 1.0 / 3.0);
	CHECK(flo(zp_ratio_to_flo(MAKE_FIXNUM(-7), MAKE_FIXNUM(8))) == -0.875);
}

/* Every call that allocates is made on its own line, its result kept
 * in a root: the collector moves objects, so a value C read before
 * another argument's allocation would be stale. */
static void test_gcd(void)
{
	zval five = MAKE_FIXNUM(5), a, b, g, p, q, r;
	int i;

	ZROOT(a);
	ZROOT(b);
	ZROOT(g);
	ZROOT(p);
	ZROOT(q);
	ZROOT(r);
	for (i = 0; i < 200; i++) {
		/* a = g p, b = g q with p and q coprime (1000003 and 999983
		 * are primes, fixnums on every target): gcd is g. */
		g = zp_int_mul(MAKE_FIXNUM(random_fixnum(28) + 1), MAKE_FIXNUM(random_fixnum(28) + 1));
		g = zp_int_mul(g, MAKE_FIXNUM(random_fixnum(28) + 1));
		p = zp_int_mul(MAKE_FIXNUM(1000003), MAKE_FIXNUM(1000003));
		q = zp_int_mul(MAKE_FIXNUM(999983), MAKE_FIXNUM(i % 3 + 1));
		a = zp_int_mul(g, p);
		b = zp_int_mul(g, q);
		r = zp_num_quick(five, a, b);
		CHECK(r != ZFALSE);
		CHECK(zp_int_compare(r, g) == MAKE_FIXNUM(0));
		r = zp_num_quick(five, b, a);
		CHECK(zp_int_compare(r, g) == MAKE_FIXNUM(0));
	}
	/* With zero, and with a fixnum. */
	r = zp_num_quick(five, a, MAKE_FIXNUM(0));
	CHECK(zp_int_compare(r, a) == MAKE_FIXNUM(0));
	p = zp_int_mul(MAKE_FIXNUM(1 << 20), MAKE_FIXNUM(1 << 20));
	p = zp_int_mul(p, p);	/* 2^80 */
	CHECK(zp_num_quick(five, p, MAKE_FIXNUM(6 << 10)) == MAKE_FIXNUM(2 << 10));
	/* Left to Euclid: two fixnums, anything not an exact integer. */
	CHECK(zp_num_quick(five, MAKE_FIXNUM(12), MAKE_FIXNUM(18)) == ZFALSE);
	r = zrt_make_flonum(4.0);
	CHECK(zp_num_quick(five, a, r) == ZFALSE);
	CHECK(zp_num_quick(five, ZTRUE, a) == ZFALSE);
}

int main(void)
{
	h_init((size_t)1 << 20, (size_t)64 << 20, 0);
	test_inexact();
	test_gcd();
	h_init((size_t)1 << 20, (size_t)64 << 20, 1);
	test_gcd();
	return h_finish();
}
