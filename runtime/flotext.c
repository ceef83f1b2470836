/*
 * runtime/flotext.c - doubles to and from decimal text, exactly.
 *
 * In:  doubles; decimal digits and exponents.
 * Out: the functions of flotext.h.
 *
 * Why it exists: see flotext.h.  Printing is the free-format algorithm
 * of Steele & White as Burger & Dybvig state it ("Printing
 * Floating-Point Numbers Quickly and Accurately", 1996), in exact
 * integers: the digits are generated from the scaled value until they
 * are inside the interval of decimals that read back to the double.
 * Reading is exact too: the decimal becomes an integer D times 10^p,
 * and the double nearest to D 10^p (an integer) or D / 10^-p (a ratio)
 * is found by bigdigits.c's correctly rounded conversions.  Both work
 * on numbers of at most a few thousand bits, in buffers on the stack.
 */
#include <string.h>
#include "bigdigits.h"
#include "flotext.h"

static uint64_t bits_of(double d)
{
	uint64_t b;

	memcpy(&b, &d, sizeof b);
	return b;
}

static double of_bits(uint64_t b)
{
	double d;

	memcpy(&d, &b, sizeof d);
	return d;
}

/* ---- Printing ------------------------------------------------------------ */

/*
 * A double is below 2^1024 and above 2^-1075; the scaled numbers below
 * stay under 2^1200, plus a digit's growth.
 */
#define PN 48

struct num {
	bd_digit d[PN];
	size_t n;
};

static void num_set(struct num *x, uint64_t v)
{
	x->n = bd_from_u64(x->d, v);
}

static void num_shl(struct num *x, size_t bits)
{
	x->n = bd_shift_left(x->d, x->d, x->n, bits);
}

static void num_mul(struct num *x, bd_digit m)
{
	x->n = bd_mul_digit_add(x->d, x->d, x->n, m, 0);
}

static void num_pow10(struct num *x, int k)
{
	for (; k >= 9; k -= 9)
		num_mul(x, 1000000000u);
	for (; k > 0; k--)
		num_mul(x, 10);
}

static int num_cmp(const struct num *a, const struct num *b)
{
	return bd_compare(a->d, a->n, b->d, b->n);
}

/* Compare A + B with C. */
static int num_cmp_sum(const struct num *a, const struct num *b,
		       const struct num *c)
{
	struct num t;

	t.n = bd_add(t.d, a->d, a->n, b->d, b->n);
	return num_cmp(&t, c);
}

/* An estimate of ceil(log10(f 2^e)) for f of LEN bits: never too large,
 * at most one too small.  0.30102999566398 < log10(2); exact in doubles
 * with a tiny margin, the same on every target. */
static int estimate_k(int e, int len)
{
	double l = (double)(e + len - 1) * 0.30102999566398114 - 1e-10;
	int k = (int)l;

	if ((double)k < l)
		k++;
	return k;
}

int flo_shortest(double x, char *digits, int *x10)
{
	uint64_t b = bits_of(x), f = b & 0xfffffffffffffull;
	int be = (int)((b >> 52) & 0x7ff), e, k, n = 0, even, len;
	struct num r, s, mp, mm;

	digits[0] = 0;
	*x10 = 0;
	if (be == 0x7ff || (be == 0 && f == 0))
		return 0;
	if (be == 0)
		e = -1074;
	else
		f |= (uint64_t)1 << 52, e = be - 1075;
	even = !(f & 1);
	/* v = r / s, the high boundary (v + v+) / 2 = (r + mp) / s and the
	 * low one (r - mm) / s; the gap above is twice the one below when f
	 * is a power of 2 (the binade changes below v). */
	if (e >= 0) {
		int lower_closer = f == (uint64_t)1 << 52;

		num_set(&r, f);
		num_shl(&r, (size_t)e + 1 + lower_closer);
		num_set(&s, 2u << lower_closer);
		num_set(&mp, 1);
		num_shl(&mp, (size_t)e + lower_closer);
		num_set(&mm, 1);
		num_shl(&mm, (size_t)e);
	} else {
		int lower_closer = be > 1 && f == (uint64_t)1 << 52;

		num_set(&r, f << (1 + lower_closer));
		num_set(&s, 1);
		num_shl(&s, (size_t)(1 - e + lower_closer));
		num_set(&mp, 1u << lower_closer);
		num_set(&mm, 1);
	}
	for (len = 0; (f >> len) != 0; len++)
		;
	k = estimate_k(e, len);
	if (k >= 0) {
		num_pow10(&s, k);
	} else {
		num_pow10(&r, -k);
		num_pow10(&mp, -k);
		num_pow10(&mm, -k);
	}
	/* Fix the estimate: the high boundary must be below 10^k. */
	if (num_cmp_sum(&r, &mp, &s) >= !even) {
		num_mul(&s, 10);
		k++;
	}
	for (;;) {
		int d = 0, low, high;

		num_mul(&r, 10);
		num_mul(&mp, 10);
		num_mul(&mm, 10);
		while (num_cmp(&r, &s) >= 0) {
			r.n = bd_sub(r.d, r.d, r.n, s.d, s.n);
			d++;
		}
		low = num_cmp(&r, &mm) < even;		/* r <(=) mm */
		high = num_cmp_sum(&r, &mp, &s) > -even; /* r + mp >(=) s */
		if (!low && !high) {
			digits[n++] = (char)('0' + d);
			continue;
		}
		if (low && high) {
			struct num t = r;

			num_shl(&t, 1);
			if (num_cmp(&t, &s) >= 0)
				d++;
		} else if (high) {
			d++;
		}
		digits[n++] = (char)('0' + d);
		break;
	}
	digits[n] = 0;
	*x10 = k;
	return n;
}

static size_t put_int(char *p, int v)
{
	char t[12];
	size_t n = 0, len = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	if (v < 0)
		p[len++] = '-';
	do {
		t[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		p[len++] = t[--n];
	return len;
}

/* S and its NUL at P (there is no strcpy in the guest); S's length. */
static size_t put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n + 1);
	return n;
}

size_t flo_format(char *buf, double x)
{
	uint64_t b = bits_of(x);
	char dig[20], *p = buf;
	int k, n, i, xe;

	if (((b >> 52) & 0x7ff) == 0x7ff) {
		return put_str(buf, (b & 0xfffffffffffffull) ? "+nan.0" :
			       (b >> 63) ? "-inf.0" : "+inf.0");
	}
	if (b >> 63)
		*p++ = '-';
	n = flo_shortest(x, dig, &k);
	if (n == 0) {
		return (size_t)(p - buf) + put_str(p, "0.0");
	}
	xe = k - 1;
	if (xe >= -3 && xe <= 9) {
		if (k <= 0) {
			*p++ = '0';
			*p++ = '.';
			for (i = k; i < 0; i++)
				*p++ = '0';
			memcpy(p, dig, (size_t)n);
			p += n;
		} else {
			for (i = 0; i < k; i++)
				*p++ = i < n ? dig[i] : '0';
			*p++ = '.';
			if (n <= k)
				*p++ = '0';
			for (i = k; i < n; i++)
				*p++ = dig[i];
		}
	} else {
		*p++ = dig[0];
		if (n > 1) {
			*p++ = '.';
			memcpy(p, dig + 1, (size_t)n - 1);
			p += n - 1;
		}
		*p++ = 'e';
		p += put_int(p, xe);
	}
	*p = 0;
	return (size_t)(p - buf);
}

/* ---- Reading ------------------------------------------------------------- */

/*
 * Digits beyond the first MAX_DIGITS only matter as "some were not
 * zero": a double, or the midpoint of two neighbouring doubles, has at
 * most 767 significant decimal digits, so a decimal cut after 800
 * digits and given a final 1 when something nonzero was cut lies on the
 * same side of every midpoint as the whole decimal.
 */
#define MAX_DIGITS 800
/* 10^(800 + 325 + 1) < 2^3750; a few digits more for products. */
#define RN 128

/* The digits of a decimal as two pieces (the integer and fraction parts
 * of a text, or all the digits and nothing). */
struct digits {
	const char *a, *b;
	size_t an, bn;
};

static char digit_at(const struct digits *ds, size_t i)
{
	return i < ds->an ? ds->a[i] : ds->b[i - ds->an];
}

static double signed_zero(int negative)
{
	return of_bits(negative ? (uint64_t)1 << 63 : 0);
}

static double signed_inf(int negative)
{
	return of_bits((negative ? (uint64_t)1 << 63 : 0) | 0x7ff0000000000000ull);
}

/* 10^K into R (RN digits), K < 1200. */
static size_t pow10_into(bd_digit *r, int k)
{
	size_t n = bd_from_u64(r, 1);

	for (; k >= 9; k -= 9)
		n = bd_mul_digit_add(r, r, n, 1000000000u, 0);
	for (; k > 0; k--)
		n = bd_mul_digit_add(r, r, n, 10, 0);
	return n;
}

static const double exact_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* 0.DIGITS * 10^X10, the digits known to be decimal. */
static double from_digits(const struct digits *ds, int64_t x10, int negative)
{
	size_t total = ds->an + ds->bn, first = 0, last = total, i, n, dn, pn;
	bd_digit d[RN], pw[RN], prod[2 * RN], scratch[RN * 6];
	int sticky = 0;
	int64_t p;

	while (first < total && digit_at(ds, first) == '0')
		first++;
	while (last > first && digit_at(ds, last - 1) == '0')
		last--;
	if (first == last)
		return signed_zero(negative);
	/* Now 0.D * 10^x10 with D = digits [first, last), D's first digit
	 * nonzero: the value is in [10^(x10 - 1), 10^x10). */
	x10 -= (int64_t)first;
	if (x10 > 310)
		return signed_inf(negative);
	if (x10 < -324)		/* below 10^-325, under half the least subnormal */
		return signed_zero(negative);
	n = last - first;
	if (n > MAX_DIGITS) {
		n = MAX_DIGITS;
		sticky = 1;	/* the digit at last - 1 is not zero */
	}
	dn = 0;
	for (i = 0; i < n; i++)
		dn = bd_mul_digit_add(d, d, dn, 10, (bd_digit)(digit_at(ds, first + i) - '0'));
	if (sticky) {
		dn = bd_mul_digit_add(d, d, dn, 10, 1);
		n++;
	}
	p = x10 - (int64_t)n;	/* value = D * 10^p */
	if (n <= 15 && p >= -22 && p <= 22) {
		/* D and 10^|p| are exact doubles: one rounding. */
		double v = bd_to_double(d, dn, 0);

		v = p >= 0 ? v * exact_pow10[p] : v / exact_pow10[-p];
		return negative ? -v : v;
	}
	if (p >= 0) {
		pn = pow10_into(pw, (int)p);
		dn = bd_mul(prod, d, dn, pw, pn, scratch);
		return bd_to_double(prod, dn, negative);
	}
	pn = pow10_into(pw, (int)-p);
	return bd_ratio_to_double(d, dn, pw, pn, negative, scratch);
}

static int all_decimal(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int flo_from_digits(const char *digits, size_t n, long x10, int negative,
		    double *out)
{
	struct digits ds = { digits, "", n, 0 };
	int64_t e = x10;

	if (!all_decimal(digits, n))
		return -1;
	/* Any exponent beyond +-2^50 gives infinity or zero for any number
	 * of digits a program could hold; clamping keeps the sums below
	 * from overflowing. */
	if (e > ((int64_t)1 << 50))
		e = (int64_t)1 << 50;
	if (e < -((int64_t)1 << 50))
		e = -((int64_t)1 << 50);
	*out = from_digits(&ds, e, negative);
	return 0;
}

int flo_parse(const char *s, size_t len, double *out)
{
	size_t i = 0, ia, fa, fn, in;
	int negative = 0, eneg = 0;
	int64_t e = 0;
	struct digits ds;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	ia = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	in = i - ia;
	fa = i;
	fn = 0;
	if (i < len && s[i] == '.') {
		fa = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		fn = i - fa;
	}
	if (in + fn == 0)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t ea;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		ea = i;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (e < ((int64_t)1 << 50))
				e = e * 10 + (s[i] - '0');
		if (i == ea)
			return -1;
	}
	if (i != len)
		return -1;
	ds.a = s + ia;
	ds.an = in;
	ds.b = s + fa;
	ds.bn = fn;
	*out = from_digits(&ds, (eneg ? -e : e) + (int64_t)in, negative);
	return 0;
}
