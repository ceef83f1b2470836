/*
 * runtime/unicode.c - character properties and case mappings.
 *
 * In:  characters and strings from the library; the generated tables of
 *      runtime/unicode-tables.c (tools/gen-unicode, from the Unicode
 *      Character Database).
 * Out: %char-props (the property bits of unicode.h as a fixnum),
 *      %char-case (the simple upcase, downcase or foldcase of a
 *      character), %digit-value, %string-case (a string's full upcase,
 *      downcase or foldcase).
 *
 * Why it exists: R7RS's (scheme char) follows Unicode for every code
 * point; the library answers ASCII itself and asks here for the rest.
 * Each table is sorted by code point and binary-searched.
 */
#include "zrt.h"
#include "unicode.h"

enum { CASE_UP = 0, CASE_DOWN = 1, CASE_FOLD = 2 };

static uint32_t props_of(uint32_t c)
{
	size_t lo = 0, hi = zrt_uc_props_count;

	/* The last entry whose start is <= C; entry 0 starts at 0. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (zrt_uc_props[mid] >> 8 <= c)
			lo = mid;
		else
			hi = mid;
	}
	return zrt_uc_props[lo] & 0xffu;
}

static uint32_t map_simple(const struct zrt_uc_case *runs, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	const struct zrt_uc_case *r;

	if (n == 0 || c < runs[0].start)
		return c;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (runs[mid].start <= c)
			lo = mid;
		else
			hi = mid;
	}
	r = &runs[lo];
	if ((c - r->start) % r->stride == 0 && (c - r->start) / r->stride < r->count)
		return (uint32_t)((int32_t)c + r->delta);
	return c;
}

static uint32_t case_of(int kind, uint32_t c)
{
	switch (kind) {
	case CASE_UP:
		return map_simple(zrt_uc_upper, zrt_uc_upper_count, c);
	case CASE_DOWN:
		return map_simple(zrt_uc_lower, zrt_uc_lower_count, c);
	default:
		return map_simple(zrt_uc_fold, zrt_uc_fold_count, c);
	}
}

static const struct zrt_uc_special *special_of(int kind, uint32_t c)
{
	const struct zrt_uc_special *t;
	size_t lo = 0, hi;

	switch (kind) {
	case CASE_UP:
		t = zrt_uc_special_upper;
		hi = zrt_uc_special_upper_count;
		break;
	case CASE_DOWN:
		t = zrt_uc_special_lower;
		hi = zrt_uc_special_lower_count;
		break;
	default:
		t = zrt_uc_special_fold;
		hi = zrt_uc_special_fold_count;
		break;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid].code == c)
			return &t[mid];
		if (t[mid].code < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static uint32_t char_arg(const char *who, zval c)
{
	if (!IS_CHAR(c))
		zrt_type_error(who, "a character", c);
	return CHAR_VALUE(c);
}

zval zp_char_props(zval c)
{
	return MAKE_FIXNUM(props_of(char_arg("%char-props", c)));
}

static int kind_arg(zval kind)
{
	if (!IS_FIXNUM(kind) || FIXNUM_VALUE(kind) < 0 || FIXNUM_VALUE(kind) > 2)
		zrt_type_error("%char-case", "a case kind", kind);
	return (int)FIXNUM_VALUE(kind);
}

zval zp_char_case(zval c, zval kind)
{
	return MAKE_CHAR(case_of(kind_arg(kind), char_arg("%char-case", c)));
}

/* The value of a decimal digit (general category Nd), or #f. */
zval zp_digit_value(zval c)
{
	uint32_t v = char_arg("digit-value", c);
	size_t lo = 0, hi = zrt_uc_digit_zeros_count;

	if (!(props_of(v) & UC_DIGIT))
		return ZFALSE;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (zrt_uc_digit_zeros[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	if (v - zrt_uc_digit_zeros[lo] < 10)
		return MAKE_FIXNUM(v - zrt_uc_digit_zeros[lo]);
	return ZFALSE;
}

static int cased(uint32_t c)
{
	return (props_of(c) & (UC_UPPER | UC_LOWER)) != 0;
}

/* Capital sigma downcases to the final form at the end of a word: after
 * a cased letter and not before one (Unicode's Final_Sigma, without its
 * case-ignorable characters). */
static int final_sigma(const uint32_t *s, size_t n, size_t i)
{
	return i > 0 && cased(s[i - 1]) && (i + 1 == n || !cased(s[i + 1]));
}

/* Writes the mapping of S[I] to OUT (when not NULL); returns its length. */
static size_t map_full(int kind, const uint32_t *s, size_t n, size_t i, uint32_t *out)
{
	const struct zrt_uc_special *sp;
	uint32_t c = s[i];

	if (c < 0x80) {
		if (out)
			*out = kind == CASE_UP ? (c >= 'a' && c <= 'z' ? c - 32 : c)
					       : (c >= 'A' && c <= 'Z' ? c + 32 : c);
		return 1;
	}
	if (kind == CASE_DOWN && c == 0x3a3 && final_sigma(s, n, i)) {
		if (out)
			*out = 0x3c2;
		return 1;
	}
	sp = special_of(kind, c);
	if (sp) {
		size_t k = sp->map[2] ? 3 : 2, j;

		if (out)
			for (j = 0; j < k; j++)
				out[j] = sp->map[j];
		return k;
	}
	if (out)
		*out = case_of(kind, c);
	return 1;
}

/* (%string-case S KIND): a new string, S with every character mapped
 * (KIND 0 upcase, 1 downcase, 2 foldcase), by the full mappings. */
zval zp_string_case(zval s, zval kind)
{
	int k = kind_arg(kind);
	size_t n, i, length = 0, at = 0;
	zval r;

	if (!IS_STRING(s))
		zrt_type_error("string-case", "a string", s);
	n = OBJ_LENGTH(s);
	for (i = 0; i < n; i++)
		length += map_full(k, STRING_CHARS(s), n, i, NULL);
	{
		ZROOT(s);
		r = zrt_alloc_string(length);
	}
	for (i = 0; i < n; i++)
		at += map_full(k, STRING_CHARS(s), n, i, STRING_CHARS(r) + at);
	return r;
}
