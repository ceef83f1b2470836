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

/* The header and the padding of a string of WORDS words at P. */
static inline zval init_string(zval *p, zval header, size_t words)
{
	p[0] = header;
	if (words > 1)
		p[words - 1] = 0;
	return MAKE_OBJ_PTR(p);
}

/* zrt_alloc_string when the heap is full.  Out of line, and called last,
 * so that the common case makes no call and needs no stack frame. */
static __attribute__((noinline)) zval alloc_string_slow(zval header, size_t words)
{
	return init_string(zrt_gc_alloc(words), header, words);
}

/* A string of LENGTH characters for the caller to fill, every one: only
 * the padding after them is cleared (it is never read, but stays
 * stable, so equal strings are equal words). */
zval zrt_alloc_string(size_t length)
{
	zval header = MAKE_HEADER(OBJ_STRING, length);
	size_t words = object_words(header);
	zval *p = zrt_heap_ptr;

	if ((size_t)(zrt_heap_limit - p) < words)
		return alloc_string_slow(header, words);
	zrt_heap_ptr = p + words;
	return init_string(p, header, words);
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

/* The N arguments from ARG on as a list in the 2 * N words at P: each
 * pair's cdr is the next pair, the last one's (). */
static inline zval fill_list(zval *p, const zval *arg, zint n)
{
	zint i;

	for (i = 0; i < n; i++) {
		p[2 * i] = arg[i];
		p[2 * i + 1] = i + 1 < n ? MAKE_PAIR_PTR(p + 2 * i + 2) : ZNULL;
	}
	return MAKE_PAIR_PTR(p);
}

/* zrt_rest_list when the heap is full: the arguments zrt_args[0..argc)
 * are roots while it collects. */
static __attribute__((noinline)) zval rest_list_slow(zint argc, zint first)
{
	zint n = argc - first, saved = zrt_args_live;
	zval *p;

	if (zrt_args_live < argc)
		zrt_args_live = argc;
	p = zrt_gc_alloc(2 * (size_t)n);
	zrt_args_live = saved;
	return fill_list(p, zrt_args + first, n);
}

/*
 * The list of zrt_args[first..argc-1] (a procedure's rest arguments; the
 * caller has copied the register arguments into zrt_args[0..3]).  All the
 * pairs come from one allocation, during which the arguments are roots.
 * Every call of a procedure with rest arguments comes here, so the
 * common case, room in the heap, makes no call and needs no frame.
 */
zval zrt_rest_list(zint argc, zint first)
{
	zint n = argc - first;
	zval *p = zrt_heap_ptr;

	if (n <= 0)
		return ZNULL;
	if ((size_t)(zrt_heap_limit - p) < 2 * (size_t)n)
		return rest_list_slow(argc, first);
	zrt_heap_ptr = p + 2 * n;
	return fill_list(p, zrt_args + first, n);
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
