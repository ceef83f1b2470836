/*
 * runtime/numbers.c - the numeric kernels as primitives over zvals.
 *
 * In:  exact integers (fixnums or bignums), flonums, and the parts of
 *      ratnums and compnums, as zvals.
 * Out: the C primitives of compiler/primitives.zt whose names start
 *      with %int-, %flo- and %num- (zp_int_add ...): exact integer
 *      arithmetic, comparison and text; flonum arithmetic, conversions
 *      and text; constructors and accessors of ratnums and compnums; the
 *      numeric type of a value; and eqv?/hashing of heap numbers for
 *      keys.c.
 *
 * Why it exists: the numeric tower's dispatch is written once, in Zoot
 * (language/numbers.zt), and runs the same in the interpreter, in
 * native code of every backend and (with CL's numbers in place of these
 * kernels) on SBCL.  What must be fast -- digit loops, IEEE operations,
 * decimal conversion -- is here, over the pure algorithms of
 * bigdigits.c, flotext.c and mathlib.c.  Every result that fits a
 * fixnum is a fixnum (runtime/ABI.md, "Numbers").
 *
 * Allocation: a kernel first allocates every buffer it needs (the
 * result, scratch space as raw objects), with its arguments rooted,
 * and only then takes pointers into the arguments' digits, so no
 * collection can move them while they are read.  A result is shrunk to
 * its normalized length in place (the words past it are dead: nothing
 * walks a semispace linearly).
 */
#include <string.h>
#include "zrt.h"
#include "bigdigits.h"
#include "flotext.h"
#include "mathlib.h"

/* ---- Bignums ---------------------------------------------------------- */

#define BIG_INFO(v) OBJ_FIELD(v, 0)	/* raw: ndigits << 1 | negative */
#define BIG_NDIGITS(v) ((size_t)(BIG_INFO(v) >> 1))
#define BIG_NEGATIVE(v) ((int)(BIG_INFO(v) & 1))
#define BIG_DIGITS(v) ((bd_digit *)(OBJ_PTR(v) + 2))
#define DIGIT_WORDS(n) (((n) * sizeof(bd_digit) + sizeof(zval) - 1) / sizeof(zval))

#define IS_BIGNUM(v) IS_TYPE(v, OBJ_BIGNUM)
#define IS_FLONUM(v) IS_TYPE(v, OBJ_FLONUM)
#define IS_RATNUM(v) IS_TYPE(v, OBJ_RATNUM)
#define IS_COMPNUM(v) IS_TYPE(v, OBJ_COMPNUM)

static int is_exact_integer(zval v)
{
	return IS_FIXNUM(v) || IS_BIGNUM(v);
}

/* The digits of exact integer X: pointers into the heap stay valid only
 * until the next allocation. */
struct view {
	const bd_digit *d;
	size_t n;
	int neg;
	bd_digit buf[2];
};

static void view(zval x, struct view *v)
{
	if (IS_FIXNUM(x)) {
		zint value = FIXNUM_VALUE(x);
		uint64_t m = value < 0 ? (uint64_t)0 - (uint64_t)(int64_t)value : (uint64_t)value;

		v->neg = value < 0;
		v->n = bd_from_u64(v->buf, m);
		v->d = v->buf;
	} else {
		v->neg = BIG_NEGATIVE(x);
		v->n = BIG_NDIGITS(x);
		v->d = BIG_DIGITS(x);
	}
}

/* Room for a bignum of N digits (more than the result may need). */
static zval alloc_bignum(size_t n)
{
	return zrt_make_object(OBJ_BIGNUM, 1 + DIGIT_WORDS(n ? n : 1), 0);
}

/* Scratch space of N digits, a raw object (not scanned). */
static zval alloc_digits(size_t n)
{
	return zrt_make_raw((n ? n : 1) * sizeof(bd_digit));
}

#define RAW_DIGITS(v) ((bd_digit *)(OBJ_PTR(v) + 1))

/* The integer of sign NEG and magnitude R[0..N) (R is BIG_DIGITS of
 * bignum B): a fixnum when it fits, else B shrunk to its length. */
static zval finish(zval b, size_t n, int neg)
{
	const bd_digit *r = BIG_DIGITS(b);

	n = bd_normalize(r, n);
	if (n <= 2) {
		uint64_t m = n == 0 ? 0 : n == 1 ? r[0] : ((uint64_t)r[1] << 32) | r[0];

		if (!neg && m <= (uint64_t)FIXNUM_MAX)
			return MAKE_FIXNUM((zint)m);
		if (neg && m <= (uint64_t)FIXNUM_MAX + 1)
			return MAKE_FIXNUM((zint)(0 - m));
	}
	OBJ_HEADER(b) = MAKE_HEADER(OBJ_BIGNUM, 1 + DIGIT_WORDS(n));
	BIG_INFO(b) = ((zval)n << 1) | (zval)neg;
	return b;
}

static void check_integer(const char *who, zval x)
{
	if (!is_exact_integer(x))
		zrt_type_error(who, "an integer", x);
}

/* A + B, or A - B when SUBTRACT. */
static zval add_sub(zval a, zval b, int subtract)
{
	struct view x, y;
	size_t n;
	zval r;

	ZROOT(a);
	ZROOT(b);
	view(a, &x);
	view(b, &y);
	r = alloc_bignum((x.n > y.n ? x.n : y.n) + 1);
	view(a, &x);
	view(b, &y);
	y.neg ^= subtract;
	if (x.neg == y.neg)
		return finish(r, bd_add(BIG_DIGITS(r), x.d, x.n, y.d, y.n), x.neg);
	if (bd_compare(x.d, x.n, y.d, y.n) >= 0) {
		n = bd_sub(BIG_DIGITS(r), x.d, x.n, y.d, y.n);
		return finish(r, n, x.neg);
	}
	n = bd_sub(BIG_DIGITS(r), y.d, y.n, x.d, x.n);
	return finish(r, n, y.neg);
}

zval zp_int_add(zval a, zval b)
{
	check_integer("+", a);
	check_integer("+", b);
	return add_sub(a, b, 0);
}

zval zp_int_sub(zval a, zval b)
{
	check_integer("-", a);
	check_integer("-", b);
	return add_sub(a, b, 1);
}

zval zp_int_mul(zval a, zval b)
{
	struct view x, y;
	zval r, scratch;

	check_integer("*", a);
	check_integer("*", b);
	ZROOT(a);
	ZROOT(b);
	view(a, &x);
	view(b, &y);
	scratch = alloc_digits(bd_mul_scratch(x.n, y.n));
	ZROOT(scratch);
	r = alloc_bignum(x.n + y.n);
	view(a, &x);
	view(b, &y);
	if (x.n == 0 || y.n == 0)
		return MAKE_FIXNUM(0);
	bd_mul(BIG_DIGITS(r), x.d, x.n, y.d, y.n, RAW_DIGITS(scratch));
	return finish(r, x.n + y.n, x.neg != y.neg);
}

/* The truncated quotient (WANT_REMAINDER 0) or the remainder of A / B. */
static zval divide(const char *who, zval a, zval b, int want_remainder)
{
	struct view x, y;
	zval q, r, scratch;
	size_t qn, rn;

	check_integer(who, a);
	check_integer(who, b);
	if (b == MAKE_FIXNUM(0)) {
		static const char tail[] = ": division by zero";
		char message[64];
		size_t n = strlen(who);

		memcpy(message, who, n);
		memcpy(message + n, tail, sizeof(tail));
		zrt_simple_error(message);
	}
	ZROOT(a);
	ZROOT(b);
	view(a, &x);
	view(b, &y);
	if (x.n < y.n || (x.n == y.n && bd_compare(x.d, x.n, y.d, y.n) < 0))
		return want_remainder ? a : MAKE_FIXNUM(0);
	scratch = alloc_digits(bd_divmod_scratch(x.n, y.n));
	ZROOT(scratch);
	q = alloc_bignum(x.n - y.n + 1);
	ZROOT(q);
	r = alloc_bignum(y.n);
	view(a, &x);
	view(b, &y);
	bd_divmod(BIG_DIGITS(q), &qn, BIG_DIGITS(r), &rn, x.d, x.n, y.d, y.n,
		  RAW_DIGITS(scratch));
	if (want_remainder)
		return finish(r, rn, x.neg);
	return finish(q, qn, x.neg != y.neg);
}

zval zp_int_quotient(zval a, zval b)
{
	return divide("quotient", a, b, 0);
}

zval zp_int_remainder(zval a, zval b)
{
	return divide("remainder", a, b, 1);
}

static int int_compare(zval a, zval b)
{
	struct view x, y;
	int c;

	if (IS_FIXNUM(a) && IS_FIXNUM(b))
		return (zint)a < (zint)b ? -1 : a != b;
	view(a, &x);
	view(b, &y);
	if (x.neg != y.neg)
		return x.neg ? -1 : 1;
	c = bd_compare(x.d, x.n, y.d, y.n);
	return x.neg ? -c : c;
}

zval zp_int_compare(zval a, zval b)
{
	check_integer("<", a);
	check_integer("<", b);
	return MAKE_FIXNUM(int_compare(a, b));
}

static int radix_of(zval radix)
{
	zint r = IS_FIXNUM(radix) ? FIXNUM_VALUE(radix) : 0;

	if (r != 2 && r != 8 && r != 10 && r != 16)
		zrt_type_error("number->string", "a radix of 2, 8, 10 or 16", radix);
	return (int)r;
}

/* The text of exact integer N in RADIX. */
zval zp_int_to_string(zval n, zval radix)
{
	struct view x;
	zval text, scratch, s;
	size_t len, i;
	int base = radix_of(radix);
	const char *p;

	check_integer("number->string", n);
	if (IS_FIXNUM(n))
		return zp_number_to_string(n, radix);
	ZROOT(n);
	view(n, &x);
	text = zrt_make_raw(bd_text_size(x.n, base) + 1);
	ZROOT(text);
	scratch = alloc_digits(x.n);
	ZROOT(scratch);
	view(n, &x);
	p = (const char *)(OBJ_PTR(text) + 1);
	len = bd_to_text((char *)p, x.d, x.n, base, RAW_DIGITS(scratch));
	s = zrt_alloc_string(len + (size_t)x.neg);
	p = (const char *)(OBJ_PTR(text) + 1);
	if (x.neg)
		STRING_CHARS(s)[0] = '-';
	for (i = 0; i < len; i++)
		STRING_CHARS(s)[i + (size_t)x.neg] = (unsigned char)p[i];
	return s;
}

/* The non-negative integer written by the chars of string S from START
 * to END in RADIX (digits only), or #f. */
zval zp_digits_to_int(zval s, zval start, zval end, zval radix)
{
	zint from = FIXNUM_VALUE(start), to = FIXNUM_VALUE(end), i;
	int base = (int)FIXNUM_VALUE(radix);
	size_t len, n;
	zval text, r;
	char *p;

	if (!IS_STRING(s) || !IS_FIXNUM(start) || !IS_FIXNUM(end) || from < 0 ||
	    to > (zint)OBJ_LENGTH(s) || from > to)
		zrt_type_error("string->number", "a string range", s);
	len = (size_t)(to - from);
	ZROOT(s);
	text = zrt_make_raw(len + 1);
	ZROOT(text);
	p = (char *)(OBJ_PTR(text) + 1);
	for (i = 0; i < (zint)len; i++) {
		uint32_t c = STRING_CHARS(s)[from + i];

		if (c > 127)
			return ZFALSE;
		p[i] = (char)c;
	}
	r = alloc_bignum(bd_from_text_size(len, base));
	p = (char *)(OBJ_PTR(text) + 1);
	n = bd_from_text(BIG_DIGITS(r), p, len, base);
	if (n == (size_t)-1)
		return ZFALSE;
	return finish(r, n, 0);
}

/* ---- The numeric type of a value ------------------------------------- */

/* 0 fixnum, 1 bignum, 2 ratnum, 3 flonum, 4 compnum, -1 not a number. */
zval zp_num_type(zval x)
{
	if (IS_FIXNUM(x))
		return MAKE_FIXNUM(0);
	if (!IS_OBJ(x))
		return MAKE_FIXNUM(-1);
	switch (OBJ_TYPE(x)) {
	case OBJ_BIGNUM:
		return MAKE_FIXNUM(1);
	case OBJ_RATNUM:
		return MAKE_FIXNUM(2);
	case OBJ_FLONUM:
		return MAKE_FIXNUM(3);
	case OBJ_COMPNUM:
		return MAKE_FIXNUM(4);
	default:
		return MAKE_FIXNUM(-1);
	}
}

/* ---- eqv? and hashing of heap numbers (keys.c) ------------------------ */

int zrt_is_heap_number(zval x)
{
	return IS_BIGNUM(x) || IS_FLONUM(x) || IS_RATNUM(x) || IS_COMPNUM(x);
}

/* eqv? of two values, at least one a heap number: the same type and
 * the same value (flonums: the same bits). */
int zrt_num_eqv(zval a, zval b)
{
	if (a == b)
		return 1;
	if (!IS_OBJ(a) || !IS_OBJ(b) || OBJ_HEADER(a) != OBJ_HEADER(b) ||
	    !zrt_is_heap_number(a))
		return 0;
	switch (OBJ_TYPE(a)) {
	case OBJ_RATNUM:
	case OBJ_COMPNUM:
		return zrt_num_eqv(OBJ_FIELD(a, 0), OBJ_FIELD(b, 0)) &&
		       zrt_num_eqv(OBJ_FIELD(a, 1), OBJ_FIELD(b, 1));
	default:
		/* Bignums and flonums: equal headers, so equal lengths. */
		return memcmp(OBJ_PTR(a) + 1, OBJ_PTR(b) + 1,
			      (OBJ_LENGTH(a)) * sizeof(zval)) == 0;
	}
}

zval zp_num_eqv(zval a, zval b)
{
	return ZBOOL(zrt_num_eqv(a, b));
}

/* A hash of heap number X by value (the same on every target for the
 * same number: digits and double bits, never words). */
uint32_t zrt_num_hash(zval x)
{
	uint32_t h = 2166136261u;
	const unsigned char *p;
	size_t i, n;

	switch (OBJ_TYPE(x)) {
	case OBJ_RATNUM:
	case OBJ_COMPNUM:
		return 31 * zrt_num_hash_any(OBJ_FIELD(x, 0)) + zrt_num_hash_any(OBJ_FIELD(x, 1));
	case OBJ_BIGNUM:
		p = (const unsigned char *)BIG_DIGITS(x);
		n = BIG_NDIGITS(x) * sizeof(bd_digit);
		h ^= (uint32_t)BIG_NEGATIVE(x);
		break;
	default:
		p = (const unsigned char *)(OBJ_PTR(x) + 1);
		n = 8;
		break;
	}
	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* The same for any number (a fixnum hashes by value). */
uint32_t zrt_num_hash_any(zval x)
{
	if (IS_FIXNUM(x))
		return (uint32_t)(FIXNUM_VALUE(x) * 2654435761u);
	return zrt_num_hash(x);
}

/* ---- Flonums ---------------------------------------------------------- */

/* The double of flonum X.  A 32-bit target's flonum payload is only
 * 4-byte aligned (after a 4-byte header), so it is copied, never read
 * in place as a double (ARMv5 faults on a misaligned doubleword). */
static double flo_value(zval x)
{
	double d;

	memcpy(&d, OBJ_PTR(x) + 1, sizeof(d));
	return d;
}

zval zrt_make_flonum(double d)
{
	zval x = zrt_make_object(OBJ_FLONUM, 8 / sizeof(zval), 0);

	memcpy(OBJ_PTR(x) + 1, &d, sizeof(d));
	return x;
}

/* R7RS's current-second: an inexact count of seconds since 1970 (of
 * process.c's primitives, the one that makes a flonum). */
zval zp_current_second(void)
{
	return zrt_make_flonum((double)zrt_host_epoch_nanoseconds() / 1e9);
}

static double flo_arg(const char *who, zval x)
{
	if (!IS_FLONUM(x))
		zrt_type_error(who, "a flonum", x);
	return flo_value(x);
}

/* The double nearest to exact integer N. */
/* Integers of at most 53 bits are doubles exactly. */
#define FLO_EXACT_LIMIT ((int64_t)1 << 53)

static int exact_in_double(zval n)
{
	int64_t v = FIXNUM_VALUE(n);

	return IS_FIXNUM(n) && v <= FLO_EXACT_LIMIT && v >= -FLO_EXACT_LIMIT;
}

zval zp_int_to_flo(zval n)
{
	struct view x;

	if (exact_in_double(n))
		return zrt_make_flonum((double)FIXNUM_VALUE(n));
	check_integer("inexact", n);
	view(n, &x);
	return zrt_make_flonum(bd_to_double(x.d, x.n, x.neg));
}

/* The double nearest to N / D (exact integers, D > 0). */
zval zp_ratio_to_flo(zval n, zval d)
{
	struct view x, y;
	zval scratch;

	/*
	 * Both exact as doubles: one IEEE division is the correctly rounded
	 * quotient, what the digits below give (mm's matrices of (/ i 8)
	 * spent more time here than multiplying).
	 */
	if (exact_in_double(n) && exact_in_double(d))
		return zrt_make_flonum((double)FIXNUM_VALUE(n) / (double)FIXNUM_VALUE(d));
	check_integer("inexact", n);
	check_integer("inexact", d);
	ZROOT(n);
	ZROOT(d);
	view(n, &x);
	view(d, &y);
	scratch = alloc_digits(bd_ratio_scratch(x.n, y.n));
	view(n, &x);
	view(d, &y);
	return zrt_make_flonum(bd_ratio_to_double(x.d, x.n, y.d, y.n, x.neg != y.neg,
						  RAW_DIGITS(scratch)));
}

zval zp_flo_add(zval a, zval b)
{
	return zrt_make_flonum(flo_arg("+", a) + flo_arg("+", b));
}

zval zp_flo_sub(zval a, zval b)
{
	return zrt_make_flonum(flo_arg("-", a) - flo_arg("-", b));
}

zval zp_flo_mul(zval a, zval b)
{
	return zrt_make_flonum(flo_arg("*", a) * flo_arg("*", b));
}

zval zp_flo_div(zval a, zval b)
{
	return zrt_make_flonum(flo_arg("/", a) / flo_arg("/", b));
}

/* -1, 0, 1, or #f when unordered (a NaN). */
zval zp_flo_compare(zval a, zval b)
{
	double x = flo_arg("<", a), y = flo_arg("<", b);

	if (x < y)
		return MAKE_FIXNUM(-1);
	if (x > y)
		return MAKE_FIXNUM(1);
	if (x == y)
		return MAKE_FIXNUM(0);
	return ZFALSE;
}

zval zp_flo_to_string(zval x)
{
	char buf[FLO_TEXT_SIZE];
	size_t n = flo_format(buf, flo_arg("number->string", x)), i;
	zval s = zrt_alloc_string(n);

	for (i = 0; i < n; i++)
		STRING_CHARS(s)[i] = (unsigned char)buf[i];
	return s;
}

/* The double nearest to +-0.D * 10^X10, D the decimal digits of string
 * S from START to END (the reader has checked them). */
zval zp_digits_to_flo(zval s, zval start, zval end, zval x10, zval negative)
{
	zint from = FIXNUM_VALUE(start), to = FIXNUM_VALUE(end), i;
	zval text;
	char *p;
	double d;

	if (!IS_STRING(s) || !IS_FIXNUM(start) || !IS_FIXNUM(end) || !IS_FIXNUM(x10) ||
	    from < 0 || to > (zint)OBJ_LENGTH(s) || from > to)
		zrt_type_error("string->number", "a string range", s);
	ZROOT(s);
	text = zrt_make_raw((size_t)(to - from) + 1);
	p = (char *)(OBJ_PTR(text) + 1);
	for (i = from; i < to; i++) {
		uint32_t c = STRING_CHARS(s)[i];

		p[i - from] = c < 128 ? (char)c : 'x';
	}
	if (flo_from_digits(p, (size_t)(to - from), (long)FIXNUM_VALUE(x10), negative != ZFALSE,
			    &d) != 0)
		return ZFALSE;
	return zrt_make_flonum(d);
}

/* The 64 bits of flonum X as an exact integer (the compiler emits
 * them; see compiler/data.zt). */
zval zp_flo_bits(zval x)
{
	double d = flo_arg("%flo-bits", x);
	uint64_t bits;
	bd_digit digits[2];
	zval r;

	memcpy(&bits, &d, sizeof(bits));
	r = alloc_bignum(2);
	bd_from_u64(digits, bits);
	BIG_DIGITS(r)[0] = digits[0];
	BIG_DIGITS(r)[1] = digits[1];
	return finish(r, 2, 0);
}

/* X = (-1)^sign * m * 2^e exactly: the list (m e negative?) with m odd
 * (or 0), or #f for an infinity or a NaN. */
zval zp_flo_decode(zval x)
{
	uint64_t m;
	int e, negative;
	bd_digit digits[2];
	zval big, list;

	if (bd_from_double(flo_arg("exact", x), &m, &e, &negative) != BD_FINITE)
		return ZFALSE;
	big = alloc_bignum(2);
	bd_from_u64(digits, m);
	BIG_DIGITS(big)[0] = digits[0];
	BIG_DIGITS(big)[1] = digits[1];
	big = finish(big, 2, 0);
	ZROOT(big);
	list = zrt_cons(ZBOOL(negative), ZNULL);
	list = zrt_cons(MAKE_FIXNUM(e), list);
	return zrt_cons(big, list);
}

/* The one-argument functions of (scheme inexact) and rounding, by code:
 * 0 sqrt 1 exp 2 log 3 sin 4 cos 5 tan 6 asin 7 acos 8 atan 9 floor
 * 10 ceiling 11 truncate 12 round, 13 nan? 14 infinite? (booleans),
 * 15 sinh 16 cosh. */
zval zp_flo_fun(zval code, zval x)
{
	double d = flo_arg("inexact function", x), r;

	switch (FIXNUM_VALUE(code)) {
	case 0: r = zm_sqrt(d); break;
	case 1: r = zm_exp(d); break;
	case 2: r = zm_log(d); break;
	case 3: r = zm_sin(d); break;
	case 4: r = zm_cos(d); break;
	case 5: r = zm_tan(d); break;
	case 6: r = zm_asin(d); break;
	case 7: r = zm_acos(d); break;
	case 8: r = zm_atan(d); break;
	case 9: r = zm_floor(d); break;
	case 10: r = zm_ceil(d); break;
	case 11: r = zm_trunc(d); break;
	case 12: r = zm_round(d); break;
	case 13: return ZBOOL(d != d);
	case 14: return ZBOOL(d - d != d - d && d == d);
	case 15: r = zm_sinh(d); break;
	case 16: r = zm_cosh(d); break;
	default: zrt_type_error("%flo-fun", "a function code", code);
	}
	return zrt_make_flonum(r);
}

zval zp_flo_atan2(zval y, zval x)
{
	return zrt_make_flonum(zm_atan2(flo_arg("atan", y), flo_arg("atan", x)));
}

zval zp_flo_hypot(zval x, zval y)
{
	return zrt_make_flonum(zm_hypot(flo_arg("magnitude", x), flo_arg("magnitude", y)));
}

zval zp_flo_expt(zval x, zval y)
{
	return zrt_make_flonum(zm_pow(flo_arg("expt", x), flo_arg("expt", y)));
}

/* ---- Ratnums and compnums --------------------------------------------- */

/* A ratnum or compnum of parts A and B, as language/numbers.zt made
 * them (normalized there). */
zval zp_make_ratnum(zval a, zval b)
{
	zval x;

	ZROOT(a);
	ZROOT(b);
	x = zrt_make_object(OBJ_RATNUM, 2, 0);
	OBJ_FIELD(x, 0) = a;
	OBJ_FIELD(x, 1) = b;
	return x;
}

zval zp_make_compnum(zval a, zval b)
{
	zval x;

	ZROOT(a);
	ZROOT(b);
	x = zrt_make_object(OBJ_COMPNUM, 2, 0);
	OBJ_FIELD(x, 0) = a;
	OBJ_FIELD(x, 1) = b;
	return x;
}

/* Part I (0 or 1) of a ratnum or compnum. */
zval zp_num_part(zval x, zval i)
{
	if (!(IS_RATNUM(x) || IS_COMPNUM(x)) || (i != MAKE_FIXNUM(0) && i != MAKE_FIXNUM(1)))
		zrt_type_error("%num-part", "a ratnum or compnum", x);
	return OBJ_FIELD(x, FIXNUM_VALUE(i));
}

/* ---- The generic paths' shortcut -------------------------------------- */

/* Does fixnum value N convert to a double exactly? */
static int exact_double(int64_t n)
{
	return n <= ((int64_t)1 << 53) && n >= -((int64_t)1 << 53);
}

/* The double of X when it is a flonum or a fixnum (set *OK). */
static double quick_double(zval x, int *ok)
{
	if (IS_FIXNUM(x))
		return (double)FIXNUM_VALUE(x);
	if (IS_FLONUM(x))
		return flo_value(x);
	*ok = 0;
	return 0;
}

/*
 * The gcd of exact integers A and B (>= 0), one of them a bignum, by
 * Lehmer's algorithm (bd_gcd): a few digit operations per 32 bits of
 * quotient instead of a bignum division per Euclid step.  #f for other
 * operands.
 */
static zval quick_gcd(zval a, zval b)
{
	struct view x, y;
	zval scratch, r;

	if (!is_exact_integer(a) || !is_exact_integer(b) || (IS_FIXNUM(a) && IS_FIXNUM(b)))
		return ZFALSE;
	ZROOT(a);
	ZROOT(b);
	view(a, &x);
	view(b, &y);
	r = alloc_bignum(x.n > y.n ? x.n : y.n);
	ZROOT(r);
	view(a, &x);
	view(b, &y);
	scratch = alloc_digits(bd_gcd_scratch(x.n, y.n));
	view(a, &x);
	view(b, &y);
	return finish(r, bd_gcd(BIG_DIGITS(r), x.d, x.n, y.d, y.n, RAW_DIGITS(scratch)), 0);
}

/*
 * Operation OP (0 +, 1 -, 2 *, 3 /, 4 compare) of A and B when one is a
 * flonum and the other a flonum or a fixnum (a fixnum converts to a
 * double exactly on 32-bit targets; on x86-64 a fixnum beyond 2^53
 * would round, so it is left to the general path): the result, or the
 * comparison's -1/0/1/#f.  #f for any other operands, which
 * language/numbers.zt then dispatches in full.  One C call instead of
 * the several of the full dispatch, for flonum loops.  OP 5 is the gcd
 * of two non-negative exact integers when one is a bignum (quick_gcd),
 * else #f.
 */
zval zp_num_quick(zval op, zval a, zval b)
{
	int ok = 1;
	double x, y;

	if (FIXNUM_VALUE(op) == 5)
		return quick_gcd(a, b);
	if (!(IS_FLONUM(a) || IS_FLONUM(b)))
		return ZFALSE;
	if ((IS_FIXNUM(a) && !exact_double(FIXNUM_VALUE(a))) ||
	    (IS_FIXNUM(b) && !exact_double(FIXNUM_VALUE(b))))
		return ZFALSE;
	/* (- 0 x) is (- x), -0.0 for 0.0: the general path knows. */
	if (a == MAKE_FIXNUM(0) && FIXNUM_VALUE(op) == 1)
		return ZFALSE;
	x = quick_double(a, &ok);
	y = quick_double(b, &ok);
	if (!ok)
		return ZFALSE;
	switch (FIXNUM_VALUE(op)) {
	case 0: return zrt_make_flonum(x + y);
	case 1: return zrt_make_flonum(x - y);
	case 2: return zrt_make_flonum(x * y);
	case 3: return b == MAKE_FIXNUM(0) ? ZFALSE : zrt_make_flonum(x / y);
	default:
		if (x < y)
			return MAKE_FIXNUM(-1);
		if (x > y)
			return MAKE_FIXNUM(1);
		return x == y ? MAKE_FIXNUM(0) : ZUNSPEC;
	}
}

/* ---- Machine integers (for runtime/ffi.c) ----------------------------- */

int zrt_int_to_u64(zval x, uint64_t *magnitude, int *negative)
{
	struct view v;
	size_t n;

	if (!is_exact_integer(x))
		return 0;
	view(x, &v);
	n = bd_normalize(v.d, v.n);
	if (n > 2)
		return 0;
	*magnitude = n == 0 ? 0 : n == 1 ? v.d[0] : ((uint64_t)v.d[1] << 32) | v.d[0];
	*negative = v.neg && *magnitude != 0;
	return 1;
}

zval zrt_int_from_u64(uint64_t magnitude, int negative)
{
	zval b;
	size_t n;

	if (!negative && magnitude <= (uint64_t)FIXNUM_MAX)
		return MAKE_FIXNUM((zint)magnitude);
	if (negative && magnitude <= (uint64_t)FIXNUM_MAX + 1)
		return MAKE_FIXNUM((zint)(0 - magnitude));
	b = alloc_bignum(2);
	n = bd_from_u64(BIG_DIGITS(b), magnitude);
	return finish(b, n, negative);
}
