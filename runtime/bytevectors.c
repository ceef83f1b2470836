/*
 * runtime/bytevectors.c - bytevectors: R7RS's vectors of bytes.
 *
 * In:  lengths, indices, bytes and strings from the library
 *      (language/bytevectors.zt checks the optional ranges first).
 * Out: bytevector?, bytevector-length, bytevector-u8-ref,
 *      bytevector-u8-set!, %make-bytevector, %bytevector-copy!,
 *      %bytevector=?, %utf8->string, %string->utf8; zrt_bytevectors_join
 *      for the binary file ports.
 *
 * Why it exists: a bytevector (object.h, OBJ_BYTEVECTOR) holds raw bytes
 * the collector never looks into; only C can read and write them.  The
 * UTF-8 conversions reuse strings.c's encoder and decoder, so invalid
 * bytes become '?' here as they do in files.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

/* A bytevector of LENGTH bytes, all FILL. */
zval zrt_make_bytevector(size_t length, unsigned fill)
{
	zval header = MAKE_HEADER(OBJ_BYTEVECTOR, length);
	size_t words = object_words(header);
	zval *p = zrt_alloc(words);

	/* The padding is cleared too, so the bytes past LENGTH stay stable. */
	p[0] = header;
	memset(p + 1, 0, (words - 1) * sizeof(zval));
	memset(p + 1, (int)fill, length);
	return MAKE_OBJ_PTR(p);
}

static void check_bytevector(const char *who, zval bv)
{
	if (!IS_BYTEVECTOR(bv))
		zrt_type_error(who, "a bytevector", bv);
}

/* Index argument I of WHO in [0, LIMIT) (or [0, LIMIT] when END). */
static size_t index_arg(const char *who, zval i, zval obj, size_t limit, int end)
{
	if (!IS_FIXNUM(i))
		zrt_type_error(who, "an index", i);
	if (FIXNUM_VALUE(i) < 0 || (size_t)FIXNUM_VALUE(i) > limit ||
	    (!end && (size_t)FIXNUM_VALUE(i) == limit))
		zrt_range_error(who, i, obj);
	return (size_t)FIXNUM_VALUE(i);
}

static unsigned byte_arg(const char *who, zval b)
{
	if (!IS_FIXNUM(b) || FIXNUM_VALUE(b) < 0 || FIXNUM_VALUE(b) > 255)
		zrt_type_error(who, "a byte (an exact integer from 0 to 255)", b);
	return (unsigned)FIXNUM_VALUE(b);
}

zval zp_bytevector_p(zval x)
{
	return ZBOOL(IS_BYTEVECTOR(x));
}

zval zp_make_bytevector(zval n, zval fill)
{
	if (!IS_FIXNUM(n) || FIXNUM_VALUE(n) < 0 || FIXNUM_VALUE(n) > ((zint)1 << 30))
		zrt_type_error("make-bytevector", "a length", n);
	return zrt_make_bytevector((size_t)FIXNUM_VALUE(n), byte_arg("make-bytevector", fill));
}

zval zp_bytevector_length(zval bv)
{
	check_bytevector("bytevector-length", bv);
	return MAKE_FIXNUM(OBJ_LENGTH(bv));
}

zval zp_bytevector_u8_ref(zval bv, zval i)
{
	check_bytevector("bytevector-u8-ref", bv);
	return MAKE_FIXNUM(BYTEVECTOR_BYTES(bv)[index_arg("bytevector-u8-ref", i, bv,
							  OBJ_LENGTH(bv), 0)]);
}

zval zp_bytevector_u8_set(zval bv, zval i, zval b)
{
	size_t k;

	check_bytevector("bytevector-u8-set!", bv);
	k = index_arg("bytevector-u8-set!", i, bv, OBJ_LENGTH(bv), 0);
	BYTEVECTOR_BYTES(bv)[k] = (uint8_t)byte_arg("bytevector-u8-set!", b);
	return ZUNSPEC;
}

/* (%bytevector-copy! TO AT FROM START END), as memmove. */
zval zp_bytevector_copy(zval to, zval at, zval from, zval start, zval end)
{
	const char *who = "bytevector-copy!";
	size_t a, s, e;

	check_bytevector(who, to);
	check_bytevector(who, from);
	s = index_arg(who, start, from, OBJ_LENGTH(from), 1);
	e = index_arg(who, end, from, OBJ_LENGTH(from), 1);
	if (e < s)
		zrt_range_error(who, end, from);
	a = index_arg(who, at, to, OBJ_LENGTH(to), 1);
	if (e - s > OBJ_LENGTH(to) - a)
		zrt_range_error(who, at, to);
	memmove(BYTEVECTOR_BYTES(to) + a, BYTEVECTOR_BYTES(from) + s, e - s);
	return ZUNSPEC;
}

zval zp_bytevector_equal(zval a, zval b)
{
	check_bytevector("equal?", a);
	check_bytevector("equal?", b);
	return ZBOOL(OBJ_LENGTH(a) == OBJ_LENGTH(b) &&
		     memcmp(BYTEVECTOR_BYTES(a), BYTEVECTOR_BYTES(b), OBJ_LENGTH(a)) == 0);
}

/* (%utf8->string BV START END): the bytes decoded (the library checked
 * the range). */
zval zp_utf8_to_string(zval bv, zval start, zval end)
{
	size_t s, e, n;
	zval r;

	check_bytevector("utf8->string", bv);
	s = index_arg("utf8->string", start, bv, OBJ_LENGTH(bv), 1);
	e = index_arg("utf8->string", end, bv, OBJ_LENGTH(bv), 1);
	if (e < s)
		zrt_range_error("utf8->string", end, bv);
	n = zrt_utf8_decode(BYTEVECTOR_BYTES(bv) + s, e - s, NULL);
	{
		ZROOT(bv);
		r = zrt_alloc_string(n);
	}
	zrt_utf8_decode(BYTEVECTOR_BYTES(bv) + s, e - s, STRING_CHARS(r));
	return r;
}

/* (%string->utf8 S START END): the characters encoded. */
zval zp_string_to_utf8(zval str, zval start, zval end)
{
	size_t s, e, i, n = 0;
	char buf[4];
	zval r;
	uint8_t *out;

	if (!IS_STRING(str))
		zrt_type_error("string->utf8", "a string", str);
	s = index_arg("string->utf8", start, str, OBJ_LENGTH(str), 1);
	e = index_arg("string->utf8", end, str, OBJ_LENGTH(str), 1);
	if (e < s)
		zrt_range_error("string->utf8", end, str);
	for (i = s; i < e; i++)
		n += zrt_utf8_encode_char(STRING_CHARS(str)[i], buf);
	{
		ZROOT(str);
		r = zrt_make_bytevector(n, 0);
	}
	out = BYTEVECTOR_BYTES(r);
	for (i = s; i < e; i++)
		out += zrt_utf8_encode_char(STRING_CHARS(str)[i], (char *)out);
	return r;
}

/* A bytevector, or a proper list of them, as one malloc'ed buffer (*N
 * its length); NULL when BYTES is neither or there is no memory.  The
 * binary file ports hand their contents to %write-file-bytes so. */
char *zrt_bytevectors_join(zval bytes, size_t *n)
{
	size_t length = 0, at = 0;
	zval l;
	char *buf;

	if (IS_BYTEVECTOR(bytes))
		bytes = zrt_cons(bytes, ZNULL);
	for (l = bytes; IS_PAIR(l); l = CDR(l)) {
		if (!IS_BYTEVECTOR(CAR(l)))
			return NULL;
		length += OBJ_LENGTH(CAR(l));
	}
	if (l != ZNULL)
		return NULL;
	buf = malloc(length ? length : 1);
	if (!buf)
		return NULL;
	for (l = bytes; IS_PAIR(l); l = CDR(l)) {
		memcpy(buf + at, BYTEVECTOR_BYTES(CAR(l)), OBJ_LENGTH(CAR(l)));
		at += OBJ_LENGTH(CAR(l));
	}
	*n = length;
	return buf;
}
