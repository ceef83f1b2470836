/*
 * runtime/strings.c - Zoot strings to and from UTF-8; string equality
 * and hashing.
 *
 * In:  UTF-8 bytes (files, the console, argv, the environment, C string
 *      literals) or Zoot strings (arrays of code points, object.h).
 * Out: Zoot strings, malloc'ed UTF-8 buffers, content hashes.
 *
 * Why it exists: Zoot strings are UTF-32 so that string-ref is O(1); the
 * outside world speaks UTF-8.  Every conversion goes through here, so
 * invalid input is treated the same everywhere: each byte that does not
 * start a well-formed sequence becomes '?', as in the SBCL bootstrap.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

#define REPLACEMENT '?'

/*
 * Text is nearly all ASCII, so the loops below take it BLOCK characters
 * at a time: OR the block together, and if the result is below 0x80,
 * narrow or widen the whole block with a loop of fixed length.  Such
 * loops (with restrict pointers) are ones gcc vectorizes at -O2 where
 * the machine has vectors, and they are plain loops everywhere else.
 * The test of a block runs for every block, so it is unrolled whole.
 */
#define BLOCK 16

static inline int ascii_chars(const uint32_t *c)
{
	uint32_t bits = 0;
	size_t j;

#pragma GCC unroll 16
	for (j = 0; j < BLOCK; j++)
		bits |= c[j];
	return bits < 0x80;
}

static inline int ascii_bytes(const unsigned char *in)
{
	unsigned char bits = 0;
	size_t j;

	for (j = 0; j < BLOCK; j++)
		bits |= in[j];
	return bits < 0x80;
}

static inline void narrow_block(const uint32_t *restrict c, unsigned char *restrict out)
{
	size_t j;

	for (j = 0; j < BLOCK; j++)
		out[j] = (unsigned char)c[j];
}

static inline void widen_block(const unsigned char *restrict in, uint32_t *restrict out)
{
	size_t j;

	for (j = 0; j < BLOCK; j++)
		out[j] = in[j];
}

/* Length and value of the well-formed sequence at IN (N bytes left), or
 * 0 when the first byte does not start one. */
static size_t decode_one(const unsigned char *in, size_t n, uint32_t *cp)
{
	unsigned char c = in[0];
	size_t len, i;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2; v = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3; v = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((in[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (in[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/* The characters N bytes of UTF-8 decode to. */
static size_t utf8_count(const unsigned char *in, size_t n)
{
	size_t i = 0, k = 0;
	uint32_t cp;

	while (i < n) {
		if (n - i >= BLOCK && ascii_bytes(in + i)) {
			i += BLOCK;
			k += BLOCK;
			continue;
		}
		if (in[i] < 0x80) {
			i++;
		} else {
			size_t len = decode_one(in + i, n - i, &cp);

			i += len ? len : 1;
		}
		k++;
	}
	return k;
}

/* OUT may be NULL to count only. */
size_t zrt_utf8_decode(const unsigned char *in, size_t n, uint32_t *out)
{
	size_t i = 0, k = 0;

	if (!out)
		return utf8_count(in, n);
	while (i < n) {
		uint32_t cp;
		size_t len;

		if (n - i >= BLOCK && ascii_bytes(in + i)) {
			widen_block(in + i, out + k);
			i += BLOCK;
			k += BLOCK;
			continue;
		}
		len = decode_one(in + i, n - i, &cp);
		if (len == 0) {
			cp = REPLACEMENT;
			len = 1;
		}
		out[k++] = cp;
		i += len;
	}
	return k;
}

zval zrt_string_from_utf8(const char *bytes, size_t n)
{
	const unsigned char *in = (const unsigned char *)bytes;
	size_t length = utf8_count(in, n);
	zval s = zrt_alloc_string(length);

	zrt_utf8_decode(in, n, STRING_CHARS(s));
	return s;
}

zval zrt_string_from_cstr(const char *s)
{
	return zrt_string_from_utf8(s, strlen(s));
}

/* The index argument I of WHO as a position in [0, LIMIT]. */
static size_t string_position(const char *who, zval i, zval s, size_t limit)
{
	if (!IS_FIXNUM(i))
		zrt_type_error(who, "an index", i);
	if (FIXNUM_VALUE(i) < 0 || (size_t)FIXNUM_VALUE(i) > limit)
		zrt_range_error(who, i, s);
	return (size_t)FIXNUM_VALUE(i);
}

/* (%string-copy! TO AT FROM START END): the characters FROM[START, END)
 * into TO from AT on, as memmove would (the two may be one string).  The
 * library builds substring, string-append and string-copy! on it: one
 * memmove instead of a checked loop per character. */
zval zp_string_copy(zval to, zval at, zval from, zval start, zval end)
{
	const char *who = "string-copy!";
	size_t a, s, e;

	if (!IS_STRING(to))
		zrt_type_error(who, "a string", to);
	if (!IS_STRING(from))
		zrt_type_error(who, "a string", from);
	s = string_position(who, start, from, OBJ_LENGTH(from));
	e = string_position(who, end, from, OBJ_LENGTH(from));
	if (e < s)
		zrt_range_error(who, end, from);
	a = string_position(who, at, to, OBJ_LENGTH(to));
	if (e - s > OBJ_LENGTH(to) - a)
		zrt_range_error(who, at, to);
	memmove(STRING_CHARS(to) + a, STRING_CHARS(from) + s, (e - s) * sizeof(uint32_t));
	return ZUNSPEC;
}

/* (%string-compare A B): negative, zero or positive as A sorts before,
 * with or after B, code point by code point. */
zval zp_string_compare(zval a, zval b)
{
	size_t na, nb, n, i;
	const uint32_t *ca, *cb;

	if (!IS_STRING(a))
		zrt_type_error("string-compare", "a string", a);
	if (!IS_STRING(b))
		zrt_type_error("string-compare", "a string", b);
	na = OBJ_LENGTH(a);
	nb = OBJ_LENGTH(b);
	n = na < nb ? na : nb;
	ca = STRING_CHARS(a);
	cb = STRING_CHARS(b);
	for (i = 0; i < n; i++)
		if (ca[i] != cb[i])
			return MAKE_FIXNUM(ca[i] < cb[i] ? -1 : 1);
	return MAKE_FIXNUM(na < nb ? -1 : na > nb ? 1 : 0);
}

/* (%string-append LIST): one new string holding the strings of LIST in
 * order.  string-append, and the compiler's every line of assembly, are
 * made here. */
zval zp_string_append(zval strings)
{
	size_t length = 0, at = 0;
	uint32_t *out;
	zval l, r;

	for (l = strings; IS_PAIR(l); l = CDR(l)) {
		if (!IS_STRING(CAR(l)))
			zrt_type_error("string-append", "a string", CAR(l));
		length += OBJ_LENGTH(CAR(l));
	}
	{
		ZROOT(strings);
		r = zrt_alloc_string(length);
	}
	out = STRING_CHARS(r);
	for (l = strings; IS_PAIR(l); l = CDR(l)) {
		const uint32_t *in = STRING_CHARS(CAR(l));
		size_t n = OBJ_LENGTH(CAR(l));

		/* A third of the pieces are one character (a comma, a
		 * newline): a store is cheaper than the call to memcpy. */
		if (n == 1)
			out[at] = in[0];
		else
			memcpy(out + at, in, n * sizeof(uint32_t));
		at += n;
	}
	return r;
}

/* (%number->string N RADIX): the digits of the fixnum N in RADIX (2 to
 * 16), with a minus sign when negative. */
zval zp_number_to_string(zval n, zval radix)
{
	char digits[8 * sizeof(zval) + 2];
	char *p = digits + sizeof(digits);
	zint value, base;
	int negative;
	size_t length, i;
	zval s;

	if (!IS_FIXNUM(n))
		zrt_type_error("number->string", "a number", n);
	if (!IS_FIXNUM(radix) || FIXNUM_VALUE(radix) < 2 || FIXNUM_VALUE(radix) > 16)
		zrt_type_error("number->string", "a radix of 2, 8, 10 or 16", radix);
	value = FIXNUM_VALUE(n);
	base = FIXNUM_VALUE(radix);
	negative = value < 0;
	/* Work on the negative value: fixnums are narrower than zint, but
	 * this needs no care about the most negative one either way. */
	if (!negative)
		value = -value;
	do {
		*--p = "0123456789abcdef"[-(value % base)];
		value /= base;
	} while (value != 0);
	if (negative)
		*--p = '-';
	/* The digits are ASCII: widen them straight into the string. */
	length = (size_t)(digits + sizeof(digits) - p);
	s = zrt_alloc_string(length);
	for (i = 0; i < length; i++)
		STRING_CHARS(s)[i] = (unsigned char)p[i];
	return s;
}

/* Code points a string cannot hold (surrogates, too big) encode as '?'. */
size_t zrt_utf8_encode_char(uint32_t c, char *buf)
{
	unsigned char *out = (unsigned char *)buf;

	if (c < 0x80) {
		out[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (unsigned char)(0xc0 | c >> 6);
		out[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		out[0] = REPLACEMENT;
		return 1;
	}
	if (c < 0x10000) {
		out[0] = (unsigned char)(0xe0 | c >> 12);
		out[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | c >> 18);
	out[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/* The UTF-8 length of the N code points at C. */
static size_t chars_utf8_length(const uint32_t *c, size_t n)
{
	size_t i = 0, bytes = 0;
	char buf[4];

	while (i < n) {
		if (n - i >= BLOCK && ascii_chars(c + i)) {
			i += BLOCK;
			bytes += BLOCK;
			continue;
		}
		bytes += c[i] < 0x80 ? 1 : zrt_utf8_encode_char(c[i], buf);
		i++;
	}
	return bytes;
}

/* The N code points at C as UTF-8 at OUT; returns the bytes written. */
static size_t chars_encode(const uint32_t *c, size_t n, char *out)
{
	size_t i = 0, k = 0;

	while (i < n) {
		if (n - i >= BLOCK && ascii_chars(c + i)) {
			narrow_block(c + i, (unsigned char *)out + k);
			i += BLOCK;
			k += BLOCK;
			continue;
		}
		if (c[i] < 0x80)
			out[k++] = (char)c[i];
		else
			k += zrt_utf8_encode_char(c[i], out + k);
		i++;
	}
	return k;
}

/* The leading ASCII characters of the N code points at C, narrowed to
 * OUT; returns how many there were. */
static size_t ascii_prefix(const uint32_t *c, size_t n, char *out)
{
	size_t i = 0;

	while (n - i >= BLOCK && ascii_chars(c + i)) {
		narrow_block(c + i, (unsigned char *)out + i);
		i += BLOCK;
	}
	/* Fewer than BLOCK characters left of a text at least that long:
	 * the block that ends at N overlaps ones already narrowed, and
	 * narrowing them again costs less than a loop by characters (a
	 * line of assembly is a few dozen characters). */
	if (i < n && n - i < BLOCK && n >= BLOCK && ascii_chars(c + n - BLOCK)) {
		narrow_block(c + n - BLOCK, (unsigned char *)out + n - BLOCK);
		return n;
	}
	while (i < n && c[i] < 0x80) {
		out[i] = (char)c[i];
		i++;
	}
	return i;
}

size_t zrt_utf8_length(zval s)
{
	return chars_utf8_length(STRING_CHARS(s), OBJ_LENGTH(s));
}

size_t zrt_utf8_encode(zval s, char *out)
{
	return chars_encode(STRING_CHARS(s), OBJ_LENGTH(s), out);
}

char *zrt_string_to_utf8(zval s, size_t *n)
{
	size_t length = zrt_utf8_length(s);
	char *buf = malloc(length + 1);

	if (!buf)
		return NULL;
	zrt_utf8_encode(s, buf);
	buf[length] = '\0';
	if (n)
		*n = length;
	return buf;
}

/*
 * A string, or a proper list of strings, as one buffer of UTF-8 from
 * malloc (NUL-terminated; *N its length); NULL when TEXT is neither or
 * there is no memory.  %write-file takes either, so a file port hands
 * over its pieces without joining them into one string first.
 *
 * What programs write (the compiler's assembly above all) is ASCII, so
 * the buffer is first sized at one byte per character and the pieces
 * are narrowed in one pass.  At the first character that is not ASCII
 * the rest of the text is measured exactly, the buffer grown to fit,
 * and the pieces from there on encoded in full.
 */
char *zrt_text_to_utf8(zval text, size_t *n)
{
	size_t length = 0, k = 0;
	int exact = 0;
	zval l;
	char *buf;

	if (IS_STRING(text))
		return zrt_string_to_utf8(text, n);
	for (l = text; IS_PAIR(l); l = CDR(l)) {
		if (!IS_STRING(CAR(l)))
			return NULL;
		length += OBJ_LENGTH(CAR(l));
	}
	if (l != ZNULL)
		return NULL;
	buf = malloc(length + 1);
	if (!buf)
		return NULL;
	for (l = text; IS_PAIR(l); l = CDR(l)) {
		const uint32_t *c = STRING_CHARS(CAR(l));
		size_t m = OBJ_LENGTH(CAR(l)), a;
		zval rest;
		char *bigger;

		if (exact) {
			k += chars_encode(c, m, buf + k);
			continue;
		}
		/* Half the pieces the compiler writes are the newlines
		 * between its lines: one store each. */
		if (m == 1 && c[0] < 0x80) {
			buf[k++] = (char)c[0];
			continue;
		}
		a = ascii_prefix(c, m, buf + k);
		k += a;
		if (a == m)
			continue;
		length = k + chars_utf8_length(c + a, m - a);
		for (rest = CDR(l); IS_PAIR(rest); rest = CDR(rest))
			length += zrt_utf8_length(CAR(rest));
		bigger = realloc(buf, length + 1);
		if (!bigger) {
			free(buf);
			return NULL;
		}
		buf = bigger;
		k += chars_encode(c + a, m - a, buf + k);
		exact = 1;
	}
	buf[k] = '\0';
	*n = k;
	return buf;
}

int zrt_string_equal(zval a, zval b)
{
	size_t n = OBJ_LENGTH(a);

	return n == OBJ_LENGTH(b) &&
	       memcmp(STRING_CHARS(a), STRING_CHARS(b), n * sizeof(uint32_t)) == 0;
}

/* FNV-1a over the code points: cheap, and good enough for names and
 * table keys.  The same function hashes symbols (by their names) and
 * string keys, so it must not depend on addresses or word size. */
uint32_t zrt_chars_hash(const uint32_t *chars, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= chars[i];
		h *= 16777619u;
	}
	return h;
}
