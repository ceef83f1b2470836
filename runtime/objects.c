/*
 * runtime/objects.c - building pairs, vectors, strings and raw objects.
 *
 * In:  sizes and initial contents from C code and from generated code
 *      (make-string, make-vector, rest arguments).
 * Out: freshly allocated, fully initialised objects.
 *
 * Why it exists: every constructor must root what it holds while it
 * allocates and must leave no uninitialised word for the collector to
 * find; doing that in one place keeps the rest of the runtime simple.
 */
#include <string.h>
#include "zrt.h"

zval zrt_cons(zval car, zval cdr)
{
	zval *p;

	ZROOT(car);
	ZROOT(cdr);
	p = zrt_alloc(2);
	p[0] = car;
	p[1] = cdr;
	return MAKE_PAIR_PTR(p);
}

/* A headed object whose LENGTH fields all hold FILL. */
zval zrt_make_object(unsigned type, size_t length, zval fill)
{
	zval header = MAKE_HEADER(type, length);
	size_t words = object_words(header), i;
	zval *p;

	ZROOT(fill);
	p = zrt_alloc(words);
	p[0] = header;
	for (i = 1; i <= length; i++)
		p[i] = fill;
	for (; i < words; i++)
		p[i] = 0;
	return MAKE_OBJ_PTR(p);
}

/* A string of LENGTH characters for the caller to fill, every one: only
 * the padding after them is cleared (it is never read, but stays
 * stable, so equal strings are equal words). */
zval zrt_alloc_string(size_t length)
{
	zval header = MAKE_HEADER(OBJ_STRING, length);
	size_t words = object_words(header);
	zval *p = zrt_alloc(words);

	p[0] = header;
	if (words > 1)
		p[words - 1] = 0;
	return MAKE_OBJ_PTR(p);
}

zval zrt_make_string(size_t length, uint32_t fill)
{
	zval s = zrt_alloc_string(length);
	uint32_t *chars = STRING_CHARS(s);
	size_t i;

	for (i = 0; i < length; i++)
		chars[i] = fill;
	return s;
}

/* BYTES of zeroed memory the collector does not look into. */
zval zrt_make_raw(size_t bytes)
{
	size_t length = (bytes + sizeof(zval) - 1) / sizeof(zval);

	return zrt_make_object(OBJ_RAW, length, 0);
}

/*
 * The list of zrt_args[first..argc-1] (a procedure's rest arguments; the
 * caller has copied the register arguments into zrt_args[0..3]).  All the
 * pairs come from one allocation, during which the arguments are roots.
 */
zval zrt_rest_list(zint argc, zint first)
{
	zint n = argc - first, i, saved = zrt_args_live;
	zval *p;

	if (n <= 0)
		return ZNULL;
	if (zrt_args_live < argc)
		zrt_args_live = argc;
	p = zrt_alloc(2 * (size_t)n);
	zrt_args_live = saved;
	for (i = 0; i < n; i++) {
		p[2 * i] = zrt_args[first + i];
		p[2 * i + 1] = i + 1 < n ? MAKE_PAIR_PTR(p + 2 * i + 2) : ZNULL;
	}
	return MAKE_PAIR_PTR(p);
}

/* Lengths as make-string and make-vector accept them: 0 .. 2^28. */
static size_t check_length(const char *who, zval n)
{
	if (!IS_FIXNUM(n) || FIXNUM_VALUE(n) < 0 || FIXNUM_VALUE(n) > ((zint)1 << 28))
		zrt_type_error(who, "a length", n);
	return (size_t)FIXNUM_VALUE(n);
}

zval zp_make_string(zval n, zval fill)
{
	size_t length = check_length("make-string", n);

	if (!IS_CHAR(fill))
		zrt_type_error("make-string", "a character", fill);
	return zrt_make_string(length, CHAR_VALUE(fill));
}

zval zp_make_vector(zval n, zval fill)
{
	return zrt_make_object(OBJ_VECTOR, check_length("make-vector", n), fill);
}
