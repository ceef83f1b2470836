/*
 * runtime/mathlib.c - sqrt, exp, log, trigonometry and pow, in plain C.
 *
 * In:  doubles.
 * Out: the functions of mathlib.h.
 *
 * Why it exists: see mathlib.h.  How:
 * - sqrt is exact integer arithmetic: the square root of the significand
 *   digit by digit (two bits of radicand per bit of root), then rounded
 *   once, to nearest even; on x86 the SSE2 instruction, which rounds
 *   the same way.
 * - The others reduce the argument exactly or nearly so (Cody & Waite's
 *   splitting of ln 2 and pi/2; for huge sin/cos/tan arguments the
 *   product with 1280 bits of 2/pi, Payne & Hanek's method, done with
 *   bigdigits.c), then evaluate in double-double arithmetic (a value as
 *   an unevaluated sum hi + lo of two doubles, about 106 bits; Dekker's
 *   exact products and Knuth's exact sums) with tables of 2^(j/64),
 *   log(c) and atan(j/64) (mathlib-tables.h, written by
 *   tools/mathlib-tables.py).  The polynomials are Taylor series cut
 *   where the next term is below 2^-70 of the result; their first
 *   terms are done in double-double, the small rest in doubles.  The
 *   result is the double-double rounded once, so it is the correctly
 *   rounded value unless the true value is within about 2^-64 relative
 *   of a half-way point: in practice nearly always (test_mathlib.c
 *   measures it against glibc).  pow's integer powers of small
 *   significands, the only results that can be exactly half-way, are
 *   computed exactly instead (bigdigits.c) and rounded once.
 * - floor, ceiling, truncate and round work on the bits.
 * No libm, no FMA (-ffp-contract=off), no x87 (i386: -mfpmath=sse): every
 * operation is an IEEE double operation, so every target gives the
 * same bits.
 */
#include <stdint.h>
#include <string.h>
#include "bigdigits.h"
#include "flobits.h"
#include "mathlib.h"

struct dd {
	double hi, lo;
};

#include "mathlib-tables.h"

#define SIGN_BIT ((uint64_t)1 << 63)
#define MANT_MASK 0xfffffffffffffull
#define QUIET_NAN of_bits(0x7ff8000000000000ull)
#define INFINITY_BITS 0x7ff0000000000000ull

static int is_nan(double x)
{
	return (bits_of(x) & ~SIGN_BIT) > INFINITY_BITS;
}

static int is_inf(double x)
{
	return (bits_of(x) & ~SIGN_BIT) == INFINITY_BITS;
}

static int biased_exponent(double x)
{
	return (int)((bits_of(x) >> 52) & 0x7ff);
}

static double fabs_(double x)
{
	return of_bits(bits_of(x) & ~SIGN_BIT);
}

static double with_sign(double x, int negative)
{
	return negative ? -x : x;
}

/* 2^n for a normal exponent n, -1022 <= n <= 1023. */
static double pow2(int n)
{
	return of_bits((uint64_t)(n + 1023) << 52);
}

/* X * 2^N in steps that are each exact as long as the result is. */
static double scale2(double x, int n)
{
	while (n > 1000) {
		x *= pow2(1000);
		n -= 1000;
	}
	while (n < -1000) {
		x *= pow2(-1000);
		n += 1000;
	}
	return x * pow2(n);
}

/* ---- Double-double arithmetic ------------------------------------------- */

static struct dd two_sum(double a, double b)
{
	double s = a + b, bb = s - a;

	return (struct dd){ s, (a - (s - bb)) + (b - bb) };
}

/* |a| >= |b| (or a = 0) */
static struct dd fast_two_sum(double a, double b)
{
	double s = a + b;

	return (struct dd){ s, b - (s - a) };
}

/* Dekker: a = hi + lo with 26-bit halves (|a| < 2^995). */
static void split(double a, double *hi, double *lo)
{
	double c = 134217729.0 * a;

	*hi = c - (c - a);
	*lo = a - *hi;
}

static struct dd two_prod(double a, double b)
{
	double p = a * b, ah, al, bh, bl;

	split(a, &ah, &al);
	split(b, &bh, &bl);
	return (struct dd){ p, ((ah * bh - p) + ah * bl + al * bh) + al * bl };
}

static struct dd dd_add(struct dd x, struct dd y)
{
	struct dd s = two_sum(x.hi, y.hi), t = two_sum(x.lo, y.lo);

	s = fast_two_sum(s.hi, s.lo + t.hi);
	return fast_two_sum(s.hi, s.lo + t.lo);
}

static struct dd dd_add_d(struct dd x, double y)
{
	struct dd s = two_sum(x.hi, y);

	return fast_two_sum(s.hi, s.lo + x.lo);
}

static struct dd dd_neg(struct dd x)
{
	return (struct dd){ -x.hi, -x.lo };
}

static struct dd dd_mul(struct dd x, struct dd y)
{
	struct dd p = two_prod(x.hi, y.hi);

	return fast_two_sum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi));
}

static struct dd dd_mul_d(struct dd x, double y)
{
	struct dd p = two_prod(x.hi, y);

	return fast_two_sum(p.hi, p.lo + x.lo * y);
}

static struct dd dd_div(struct dd x, struct dd y)
{
	double q1 = x.hi / y.hi, q2, q3;
	struct dd r = dd_add(x, dd_neg(dd_mul_d(y, q1)));

	q2 = r.hi / y.hi;
	r = dd_add(r, dd_neg(dd_mul_d(y, q2)));
	q3 = r.hi / y.hi;
	return dd_add_d(fast_two_sum(q1, q2), q3);
}

static struct dd dd_of(double hi, double lo)
{
	return (struct dd){ hi, lo };
}

/* ---- Square root --------------------------------------------------------- */

double zm_sqrt_digits(double x)
{
	uint64_t b = bits_of(x), m = b & MANT_MASK, q = 0, r = 0, mant;
	int e = biased_exponent(x), i, out;

	if (is_nan(x))
		return x + x;
	if ((b & ~SIGN_BIT) == 0)
		return x;		/* +-0 */
	if (b & SIGN_BIT)
		return QUIET_NAN;
	if (e == 0x7ff)
		return x;		/* +inf */
	/* x = m 2^e with m in [2^52, 2^53) */
	if (e == 0) {
		e = -1074;
		while (!(m >> 52)) {
			m <<= 1;
			e--;
		}
	} else {
		m |= (uint64_t)1 << 52;
		e -= 1075;
	}
	if (e & 1) {
		m <<= 1;
		e--;
	}
	/* q = floor(sqrt(m 2^54)), 54 bits; r the remainder. */
	for (i = 0; i < 54; i++) {
		int pos = 52 - 2 * i;
		uint64_t pair = pos >= 0 ? (m >> pos) & 3 : 0, t;

		r = (r << 2) | pair;
		t = (q << 2) | 1;
		if (r >= t) {
			r -= t;
			q = (q << 1) | 1;
		} else {
			q <<= 1;
		}
	}
	mant = q >> 1;
	out = (e - 54) / 2 + 1;		/* sqrt(x) = mant 2^out */
	if ((q & 1) && (r != 0 || (mant & 1)))
		mant++;
	if (mant >> 53) {
		mant >>= 1;
		out++;
	}
	return of_bits((uint64_t)(out + 52 + 1023) << 52 | (mant & MANT_MASK));
}

/*
 * IEEE 754's square root is correctly rounded to nearest even, the
 * result zm_sqrt_digits gives, and SSE2 has it as one instruction
 * (every x86 build, hosted or guest, computes in SSE2: see the
 * Makefile); nbody-like code spends half its time here otherwise.
 * Only positive finite numbers take it, so the NaNs keep the bits
 * zm_sqrt_digits gives them (the instruction's default NaN is negative).
 * ARM's soft float has no such instruction.
 */
double zm_sqrt(double x)
{
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__))
	uint64_t b = bits_of(x);

	if (b != 0 && b < INFINITY_BITS) {
		double s;

		__asm__("sqrtsd %1, %0" : "=x"(s) : "x"(x));
		return s;
	}
#endif
	return zm_sqrt_digits(x);
}

/* The square root of a double-double (hi > 0), one Newton step. */
static struct dd dd_sqrt(struct dd a)
{
	double s = zm_sqrt(a.hi);
	struct dd sq = two_prod(s, s);
	double d = ((a.hi - sq.hi) - sq.lo) + a.lo;

	return fast_two_sum(s, d / (2 * s));
}

/*
 * sqrt(x^2 + y^2) without overflow or underflow in the squares: the
 * larger part is scaled (by a power of two, exactly) to [1, 2), the sum
 * of the squares taken in double-double and its root rounded once.
 */
double zm_hypot(double x, double y)
{
	double a = fabs_(x), b = fabs_(y), big;
	int k;
	struct dd r;

	if (is_inf(x) || is_inf(y))
		return of_bits(INFINITY_BITS);
	if (is_nan(x) || is_nan(y))
		return x + y;
	big = a > b ? a : b;
	if (big == 0)
		return 0.0;
	k = biased_exponent(big) ? biased_exponent(big) - 1023 : -1023;
	a = scale2(a, -k);
	b = scale2(b, -k);
	r = dd_sqrt(dd_add(two_prod(a, a), two_prod(b, b)));
	return scale2(r.hi, k);
}

/* ---- Rounding ------------------------------------------------------------ */

double zm_trunc(double x)
{
	uint64_t b = bits_of(x);
	int e = biased_exponent(x) - 1023;

	if (e >= 52)
		return x;		/* integral, infinite or NaN */
	if (e < 0)
		return of_bits(b & SIGN_BIT);
	return of_bits(b & ~(MANT_MASK >> e));
}

double zm_floor(double x)
{
	double t = zm_trunc(x);

	return x < 0 && t != x ? t - 1 : t;
}

double zm_ceil(double x)
{
	double t = zm_trunc(x);

	return x > 0 && t != x ? t + 1 : t;
}

double zm_round(double x)
{
	double t = zm_trunc(x), d = fabs_(x - t);
	int odd;

	if (!(fabs_(x) < 4503599627370496.0))	/* 2^52: integral, inf, NaN */
		return x;
	odd = zm_trunc(t * 0.5) * 2 != t;
	if (d > 0.5 || (d == 0.5 && odd))
		return x < 0 ? t - 1 : t + 1;
	return t;
}

/* ---- exp ----------------------------------------------------------------- */

/*
 * (V.hi + V.lo) * 2^n for V.hi > 0, rounded once.  When the result is
 * subnormal its rounding point is fixed, ulp = 2^-1074: adding B =
 * 2^(-1022-n), whose ulp is 2^(-1074-n), rounds hi + lo there, and
 * taking B away again is exact; then the scaling is exact too.
 */
static double scale_dd(struct dd v, int n)
{
	int e = biased_exponent(v.hi) - 1023 + n;
	double big, f;
	struct dd s;

	if (e >= -1022)
		return scale2(v.hi, n);
	if (e < -1080)
		return 0.0;
	big = scale2(1.0, -1022 - n);
	s = two_sum(big, v.hi);
	f = s.hi + (s.lo + v.lo);
	return scale2(f - big, n);
}

/* exp(x.hi + x.lo) = W 2^M, |x.hi| <= 746, with W a double-double
 * near 2^(j/64). */
static struct dd exp_parts(struct dd x, int *mp)
{
	double t = x.hi * INV_LN2_64, rh, c, r3;
	int k = (int)(t < 0 ? t - 0.5 : t + 0.5), j = k & 63, m = (k - j) / 64;
	struct dd r, w, r2, e;

	/* r = x - k ln2 / 64, exactly but for the last part's rounding */
	rh = x.hi - k * LN2_64_HI;
	w = two_prod((double)k, LN2_64_MID);
	r = two_sum(rh, -w.hi);
	r = fast_two_sum(r.hi, r.lo + ((x.lo - w.lo) - k * LN2_64_LO));
	/* e = exp(r) - 1 = r + r^2/2 + r^3/6 + ..., |r| <= 0.0055 */
	rh = r.hi;
	r2 = two_prod(rh, rh);
	r2 = dd_of(r2.hi * 0.5, r2.lo * 0.5 + rh * r.lo);
	r3 = rh * rh * rh;
	c = r3 * (inv_fact[3].hi + rh * (inv_fact[4].hi + rh * (inv_fact[5].hi +
		rh * (inv_fact[6].hi + rh * (inv_fact[7].hi + rh * inv_fact[8].hi)))));
	e = dd_add_d(dd_add(r, r2), c);
	/* 2^(j/64) (1 + e) */
	*mp = m;
	return dd_add(exp2_table[j], dd_mul(exp2_table[j], e));
}

/* exp(x.hi + x.lo), |x.hi| <= 746, rounded once. */
static double exp_dd(struct dd x)
{
	int m;
	struct dd w = exp_parts(x, &m);

	return scale_dd(w, m);
}

double zm_exp(double x)
{
	if (is_nan(x))
		return x + x;
	if (x > 709.79)
		return of_bits(INFINITY_BITS);
	if (x < -745.2)
		return 0.0;
	if (fabs_(x) < 0x1p-54)
		return 1.0 + x;
	return exp_dd(dd_of(x, 0.0));
}

/* ---- sinh and cosh (for the complex sin, cos and tan) --------------------- */

/* exp(a) / 2 for 22 <= a <= 711, as exp(a - ln 2) (ln 2 in two parts, so
 * the difference is nearly exact): e^-a is below 2^-63 of it. */
static double half_exp(double a)
{
	return exp_dd(dd_add(dd_of(a, 0.0), dd_of(-64 * LN2_64_HI, -64 * LN2_64_MID)));
}

/* e^a and e^-a as double-doubles, 0 <= a < 22 (the scaling by 2^m is
 * exact there). */
static void exp_pair(double a, struct dd *e, struct dd *inverse)
{
	int m;
	struct dd w = exp_parts(dd_of(a, 0.0), &m);

	*e = dd_of(scale2(w.hi, m), scale2(w.lo, m));
	*inverse = dd_div(dd_of(1.0, 0.0), *e);
}

double zm_cosh(double x)
{
	double a = fabs_(x);
	struct dd e, inv, sum;

	if (is_nan(x))
		return x + x;
	if (a > 711)
		return of_bits(INFINITY_BITS);
	if (a >= 22)
		return half_exp(a);
	exp_pair(a, &e, &inv);
	sum = dd_add(e, inv);
	return 0.5 * (sum.hi + sum.lo);
}

/*
 * Below 2^-10 the Taylor series x + x^3/3! + ... to x^9/9! (the next
 * term is below 2^-80 of x), its small tail in doubles and the sum
 * rounded once; up to 22 (e^x - e^-x) / 2 in double-double, which
 * keeps some 68 bits where the difference cancels.
 */
double zm_sinh(double x)
{
	double a = fabs_(x), x2;
	struct dd e, inv, diff;

	if (is_nan(x))
		return x + x;
	if (a < 0x1p-28)
		return x;
	if (a > 711)
		return with_sign(of_bits(INFINITY_BITS), x < 0);
	if (a >= 22)
		return with_sign(half_exp(a), x < 0);
	if (a < 0x1p-10) {
		x2 = x * x;
		return x + x * (x2 / 6 * (1 + x2 / 20 * (1 + x2 / 42 * (1 + x2 / 72))));
	}
	exp_pair(a, &e, &inv);
	diff = dd_add(e, dd_neg(inv));
	return with_sign(0.5 * (diff.hi + diff.lo), x < 0);
}

/* ---- log ----------------------------------------------------------------- */

/* log(x) for finite x > 0, as a double-double: x = 2^e m with m near 1,
 * log x = e log 2 - log c + log(1 + r) with r = m c - 1 (exact), c the
 * table's reciprocal nearest 1/m. */
static struct dd log_dd(double x)
{
	uint64_t b = bits_of(x);
	int e = biased_exponent(x), j;
	double m, c, rh, tail;
	struct dd p, r, half, l, sum;

	if (e == 0) {		/* subnormal */
		x *= 0x1p54;
		b = bits_of(x);
		e = biased_exponent(x) - 54;
	}
	e -= 1023;
	m = of_bits((b & MANT_MASK) | ((uint64_t)1023 << 52));
	if (m > 1.4142135623730951) {
		m *= 0.5;
		e++;
	}
	j = (int)(m * 128.0 + 0.5);
	c = log_recip[j - LOG_FIRST];
	p = two_prod(m, c);
	r = two_sum(p.hi - 1.0, p.lo);
	/* log(1 + r) = r - r^2/2 + r^3/3 - ..., |r| <= 0.0056 */
	rh = r.hi;
	half = two_prod(rh, rh);
	half = dd_of(half.hi * 0.5, half.lo * 0.5 + rh * r.lo);
	tail = rh * rh * rh * (1.0 / 3 - rh * (1.0 / 4 - rh * (1.0 / 5 - rh * (1.0 / 6 -
		rh * (1.0 / 7 - rh * (1.0 / 8 - rh * (1.0 / 9 - rh * (1.0 / 10 - rh / 11))))))));
	l = dd_add_d(dd_add(r, dd_neg(half)), tail);
	/* e log 2 - log c + l */
	sum = dd_add(two_prod((double)e, LN2_MID), dd_of(e * LN2_LO, 0.0));
	sum = dd_add(dd_add_d(sum, e * LN2_HI), log_table[j - LOG_FIRST]);
	return dd_add(sum, l);
}

double zm_log(double x)
{
	struct dd l;

	if (is_nan(x))
		return x + x;
	if (x == 0)
		return -of_bits(INFINITY_BITS);
	if (x < 0)
		return QUIET_NAN;
	if (is_inf(x))
		return x;
	l = log_dd(x);
	return l.hi + l.lo;
}

double zm_log_scaled(double x, long e)
{
	double n = (double)e;
	struct dd l, t;

	if (is_nan(x) || x <= 0 || is_inf(x) || e == 0)
		return zm_log(x);
	l = log_dd(x);
	t = dd_add(two_prod(n, LN2_HI), two_prod(n, LN2_MID));
	t = dd_add_d(t, n * LN2_LO);
	l = dd_add(l, t);
	return l.hi + l.lo;
}

/* ---- sin, cos, tan ------------------------------------------------------- */

/* Huge |x| (>= 2^19): x 2/pi = n + f with |f| <= 1/2, from the product
 * of x's 53-bit significand with 2/pi in 1280 bits; R = f pi/2.  */
static int reduce_huge(double x, struct dd *r)
{
	bd_digit m[2], p[44], f[44];
	uint64_t b = bits_of(x), mant = (b & MANT_MASK) | ((uint64_t)1 << 52);
	int e = biased_exponent(x) - 1075, i, n;
	size_t pn, fn, point;
	struct dd v = dd_of(0.0, 0.0);

	/* x 2/pi = mant G 2^(e - 1280): the binary point of P = mant G is at
	 * bit 1280 - e; keep 192 bits below it and 2 above. */
	pn = bd_mul(p, m, bd_from_u64(m, mant), two_over_pi, 40, NULL);
	point = (size_t)(TWO_OVER_PI_BITS - e);
	fn = bd_shift_right(f, p, pn, point - 192);
	for (i = (int)fn; i < 7; i++)
		f[i] = 0;
	n = (int)(f[6] & 3);
	if (f[5] & 0x80000000u) {	/* f >= 1/2: n + 1 and f - 1 */
		n++;
		for (i = 0; i < 6; i++)
			f[i] = ~f[i];
		v = dd_of(-0x1p-192, 0.0);	/* -(2^192 - f) = ~f + 1 - 2^192 */
		for (i = 5; i >= 0; i--)
			v = dd_add_d(v, -(double)f[i] * scale2(1.0, 32 * i - 192));
	} else {
		for (i = 5; i >= 0; i--)
			v = dd_add_d(v, (double)f[i] * scale2(1.0, 32 * i - 192));
	}
	*r = dd_mul(v, dd_of(PIO2_HI, PIO2_LO));
	return n & 3;
}

/* x = n pi/2 + r, |r| <= pi/4 (a little more for huge x); returns n mod 4. */
static int reduce(double x, struct dd *r)
{
	double ax = fabs_(x), k, t;
	struct dd w, s;
	int n;

	if (ax <= 0.785398163397448) {
		*r = dd_of(x, 0.0);
		return 0;
	}
	if (ax >= 0x1p19) {
		n = reduce_huge(ax, r);
		if (x < 0) {
			*r = dd_neg(*r);
			n = -n;
		}
		return n & 3;
	}
	k = zm_round(x * TWO_OVER_PI);
	t = x - k * PIO2_1;
	w = two_prod(k, PIO2_2);
	s = two_sum(t, -w.hi);
	*r = fast_two_sum(s.hi, s.lo - w.lo - k * PIO2_3);
	n = (int)k;
	return n & 3;
}

/* sin r for |r| <= pi/4 + a little: r + r z (c3 + z (c5 + z (c7 + z t))),
 * z = r^2, t the rest of the series in doubles. */
static struct dd sin_dd(struct dd r)
{
	struct dd z = dd_mul(r, r), s;
	double zh = z.hi, t = 0;
	int i;

	for (i = 25; i >= 9; i -= 2)
		t = t * zh + ((i & 2) ? -inv_fact[i].hi : inv_fact[i].hi);
	s = dd_add(dd_neg(inv_fact[7]), dd_mul_d(z, t));
	s = dd_add(inv_fact[5], dd_mul(z, s));
	s = dd_add(dd_neg(inv_fact[3]), dd_mul(z, s));
	return dd_add(r, dd_mul(dd_mul(r, z), s));
}

/* cos r = 1 - z/2 + z^2 (c4 + z (c6 + z t)). */
static struct dd cos_dd(struct dd r)
{
	struct dd z = dd_mul(r, r), s;
	double zh = z.hi, t = 0;
	int i;

	for (i = 26; i >= 8; i -= 2)
		t = t * zh + ((i & 2) ? -inv_fact[i].hi : inv_fact[i].hi);
	s = dd_add(dd_neg(inv_fact[6]), dd_mul_d(z, t));
	s = dd_add(inv_fact[4], dd_mul(z, s));
	s = dd_add_d(dd_mul(z, s), -0.5);
	return dd_add_d(dd_mul(z, s), 1.0);
}

double zm_sin(double x)
{
	struct dd r, v;
	int n;

	if (is_nan(x))
		return x + x;
	if (is_inf(x))
		return QUIET_NAN;
	if (fabs_(x) < 0x1p-26)
		return x;
	n = reduce(x, &r);
	v = n & 1 ? cos_dd(r) : sin_dd(r);
	if (n & 2)
		v = dd_neg(v);
	return v.hi + v.lo;
}

double zm_cos(double x)
{
	struct dd r, v;
	int n;

	if (is_nan(x))
		return x + x;
	if (is_inf(x))
		return QUIET_NAN;
	if (fabs_(x) < 0x1p-27)
		return 1.0;
	n = reduce(x, &r);
	v = n & 1 ? sin_dd(r) : cos_dd(r);
	if ((n + 1) & 2)
		v = dd_neg(v);
	return v.hi + v.lo;
}

double zm_tan(double x)
{
	struct dd r, s, c, v;
	int n;

	if (is_nan(x))
		return x + x;
	if (is_inf(x))
		return QUIET_NAN;
	if (fabs_(x) < 0x1p-27)
		return x;
	n = reduce(x, &r);
	s = sin_dd(r);
	c = cos_dd(r);
	v = n & 1 ? dd_neg(dd_div(c, s)) : dd_div(s, c);
	return v.hi + v.lo;
}

/* ---- atan and friends ---------------------------------------------------- */

/* atan t for 0 <= t <= 1: atan(c) + atan(u), c = j/64 nearest t,
 * u = (t - c) / (1 + t c), |u| <= 1/128. */
static struct dd atan_dd(struct dd t)
{
	int j = (int)(t.hi * 64.0 + 0.5);
	double c = j / 64.0, uh, v, tail;
	struct dd u, u3;

	u = dd_div(dd_add_d(t, -c), dd_add_d(dd_mul_d(t, c), 1.0));
	uh = u.hi;
	v = uh * uh;
	tail = uh * v * v * (1.0 / 5 - v * (1.0 / 7 - v * (1.0 / 9 - v * (1.0 / 11 - v / 13))));
	u3 = dd_mul(dd_mul(u, u), u);
	u3 = dd_div(u3, dd_of(3.0, 0.0));
	return dd_add(atan_table[j], dd_add_d(dd_add(u, dd_neg(u3)), tail));
}

static const struct dd dd_pio2 = { PIO2_HI, PIO2_LO };
static const struct dd dd_pi = { PI_HI, PI_LO };

double zm_atan(double x)
{
	double a = fabs_(x);
	struct dd v;

	if (is_nan(x))
		return x + x;
	if (a < 0x1p-27)
		return x;
	if (a > 0x1p60)
		return with_sign(PIO2_HI, x < 0);
	if (a > 1)
		v = dd_add(dd_pio2, dd_neg(atan_dd(dd_div(dd_of(1.0, 0.0), dd_of(a, 0.0)))));
	else
		v = atan_dd(dd_of(a, 0.0));
	return with_sign(v.hi + v.lo, x < 0);
}

/* atan2 for finite positive y and x of exponents within 60 of each
 * other, scaled near 1 so that nothing over- or underflows: in [0, pi/2]. */
static struct dd atan_ratio(struct dd y, struct dd x)
{
	if (y.hi <= x.hi)
		return atan_dd(dd_div(y, x));
	return dd_add(dd_pio2, dd_neg(atan_dd(dd_div(x, y))));
}

/* The exponent of finite x != 0, as if x were normalized. */
static int exponent_of(double x)
{
	int e = biased_exponent(x);

	if (e == 0)
		return biased_exponent(x * 0x1p54) - 1023 - 54;
	return e - 1023;
}

double zm_atan2(double y, double x)
{
	int ny = (int)(bits_of(y) >> 63), nx = (int)(bits_of(x) >> 63), ey, ex, s;
	double ay = fabs_(y), ax = fabs_(x);
	struct dd v;

	if (is_nan(x) || is_nan(y))
		return x + y;
	if (ay == 0)
		return with_sign(nx ? PI_HI : 0.0, ny);
	if (ax == 0)
		return with_sign(PIO2_HI, ny);
	if (is_inf(ay)) {
		if (is_inf(ax))
			return with_sign(nx ? PI3O4_HI : PIO4_HI, ny);
		return with_sign(PIO2_HI, ny);
	}
	if (is_inf(ax))
		return with_sign(nx ? PI_HI : 0.0, ny);
	ey = exponent_of(ay);
	ex = exponent_of(ax);
	if (ey - ex > 60)
		return with_sign(PIO2_HI, ny);
	if (ex - ey > 60)
		return with_sign(nx ? PI_HI : ay / ax, ny);
	s = ey > ex ? ey : ex;
	v = atan_ratio(dd_of(scale2(ay, -s), 0.0), dd_of(scale2(ax, -s), 0.0));
	if (nx)
		v = dd_add(dd_pi, dd_neg(v));
	return with_sign(v.hi + v.lo, ny);
}

/* sqrt(1 - a^2) for 0 <= a < 1, as a double-double. */
static struct dd cosine_of(double a)
{
	struct dd p = two_prod(a, a);

	return dd_sqrt(dd_add_d(dd_neg(p), 1.0));
}

double zm_asin(double x)
{
	double a = fabs_(x);
	struct dd v;

	if (is_nan(x))
		return x + x;
	if (a > 1)
		return QUIET_NAN;
	if (a < 0x1p-27)
		return x;
	if (a == 1)
		return with_sign(PIO2_HI, x < 0);
	v = atan_ratio(dd_of(a, 0.0), cosine_of(a));
	return with_sign(v.hi + v.lo, x < 0);
}

double zm_acos(double x)
{
	double a = fabs_(x);
	struct dd v;

	if (is_nan(x))
		return x + x;
	if (a > 1)
		return QUIET_NAN;
	if (x == 1)
		return 0.0;
	if (x == -1)
		return PI_HI;
	if (a < 0x1p-60)
		return PIO2_HI;
	v = atan_ratio(cosine_of(a), dd_of(a, 0.0));
	if (x < 0)
		v = dd_add(dd_pi, dd_neg(v));
	return v.hi + v.lo;
}

/* ---- pow ----------------------------------------------------------------- */

static int is_integer(double y)
{
	return zm_trunc(y) == y;
}

/* Y integral: whether it is odd. */
static int is_odd(double y)
{
	return fabs_(y) < 0x1p53 && zm_trunc(y * 0.5) * 2 != y;
}

/*
 * Integer powers whose exact value is a small ratio: x = m 2^e with
 * m odd and m^|y| < 2^64 (small m or y).  Then x^y = m^y 2^(e y) is
 * rounded once by bd_ratio_to_double, which is right even where the
 * approximation could not be: results exactly half-way between two
 * doubles (10^23, 3^34, 2^-1075, (3 2^-215)^5).  Returns 0 when the
 * power is not of this kind, else 1 with *OUT the result.
 */
static int exact_power(double ax, double y, double *out)
{
	uint64_t m, p = 1;
	int e, neg, i, n;
	long k;
	bd_digit num[80], den[80], scratch[80 * 5 + 40];
	size_t nn, dn;

	if (!is_integer(y) || fabs_(y) > 64)
		return 0;
	n = (int)fabs_(y);
	bd_from_double(ax, &m, &e, &neg);
	for (i = 0; i < n; i++) {
		if (m > 1 && p > ~(uint64_t)0 / m)
			return 0;
		p *= m;
	}
	k = (long)e * (long)y;	/* x^y = p^(+-1) 2^k */
	if (k > 1200 || k < -1300) {	/* p < 2^64: beyond the doubles */
		*out = k > 0 ? of_bits(INFINITY_BITS) : 0.0;
		return 1;
	}
	if (y > 0) {
		nn = bd_from_u64(num, p);
		dn = 1, den[0] = 1;
	} else {
		nn = 1, num[0] = 1;
		dn = bd_from_u64(den, p);
	}
	if (k >= 0)
		nn = bd_shift_left(num, num, nn, (size_t)k);
	else
		dn = bd_shift_left(den, den, dn, (size_t)-k);
	*out = bd_ratio_to_double(num, nn, den, dn, 0, scratch);
	return 1;
}

double zm_pow(double x, double y)
{
	int negative = 0;
	double ax = fabs_(x), p0;
	struct dd l, p;

	if (y == 0 || x == 1)
		return 1.0;
	if (is_nan(x) || is_nan(y))
		return x + y;
	if (is_inf(y)) {
		if (ax == 1)
			return 1.0;
		return (ax < 1) == (y < 0) ? of_bits(INFINITY_BITS) : 0.0;
	}
	if (x == 0 || is_inf(x)) {
		/* x^y is 0 or infinite; odd integer powers keep x's sign */
		int odd = is_integer(y) && is_odd(y) && (bits_of(x) >> 63);
		int big = (x == 0) == (y < 0);

		return with_sign(big ? of_bits(INFINITY_BITS) : 0.0, odd);
	}
	if (x < 0) {
		if (!is_integer(y))
			return QUIET_NAN;
		negative = is_odd(y);
	}
	if (y == 1)
		return x;
	if (y == 2)
		return x * x;
	if (exact_power(ax, y, &p0))
		return with_sign(p0, negative);
	l = log_dd(ax);
	p0 = y * l.hi;
	if (p0 > 710)
		return with_sign(of_bits(INFINITY_BITS), negative);
	if (p0 < -746)
		return with_sign(0.0, negative);
	p = two_prod(y, l.hi);
	p = fast_two_sum(p.hi, p.lo + y * l.lo);
	if (p.hi > 709.79)
		return with_sign(of_bits(INFINITY_BITS), negative);
	return with_sign(exp_dd(p), negative);
}
