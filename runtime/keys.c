/*
 * runtime/keys.c - hashing and comparing hash table keys.
 *
 * In:  a table kind (eq, eqv, equal, string) and keys.
 * Out: a hash that is a fixnum on every target, whether it depends on
 *      the address of a heap object, and key equality for the kind.
 *
 * Why it exists: tables.c manages the table's structure; what makes two
 * keys the same, and how to hash them so that hashes survive moving
 * collections where possible, is this separate question.
 *
 * Hashes: fixnums and characters by value, heap numbers by value in
 * eqv, equal and string tables (numbers.c), symbols by their stored name
 * hash, strings by content in string and equal tables, pairs and vectors
 * (four levels deep) and bytevectors by content in equal tables; anything else by
 * address, which a collection changes (tables.c rehashes then).
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

#define HASH_MASK 0x1fffffffu	/* hashes are fixnums on every target */

static uint32_t mix(zval v)
{
	uint64_t x = v;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 29;
	return (uint32_t)x;
}

/* *ADDR is set when the hash depends on where a heap object lives. */
static uint32_t eq_hash(zval v, int *addr)
{
	if (IS_SYMBOL(v))
		return (uint32_t)FIXNUM_VALUE(SYMBOL_HASH(v));
	if ((IS_OBJ(v) && zrt_heap_contains(OBJ_PTR(v))) ||
	    (IS_PAIR(v) && zrt_heap_contains(PAIR_CELL(v))))
		*addr = 1;
	return mix(v);
}

static uint32_t string_hash(zval s)
{
	return zrt_chars_hash(STRING_CHARS(s), OBJ_LENGTH(s));
}

/* Recursion is bounded by DEPTH, so this needs no explicit stack. */
static uint32_t equal_hash(zval v, int depth, int *addr)
{
	if (IS_STRING(v))
		return string_hash(v);
	if (zrt_is_heap_number(v))
		return zrt_num_hash(v);
	if (IS_BYTEVECTOR(v)) {
		uint32_t h = 2166136261u;
		size_t i;

		for (i = 0; i < OBJ_LENGTH(v); i++)
			h = (h ^ BYTEVECTOR_BYTES(v)[i]) * 16777619u;
		return h;
	}
	if (IS_PAIR(v)) {
		if (depth == 0)
			return 17;
		return 31 * equal_hash(CAR(v), depth - 1, addr) +
		       equal_hash(CDR(v), depth - 1, addr);
	}
	if (IS_VECTOR(v)) {
		if (depth == 0 || OBJ_LENGTH(v) == 0)
			return 19;
		return (uint32_t)OBJ_LENGTH(v) + 31 * equal_hash(OBJ_FIELD(v, 0), depth - 1, addr);
	}
	return eq_hash(v, addr);
}

uint32_t zrt_key_hash(zint kind, zval key, int *addr)
{
	uint32_t h;

	if (kind != TABLE_EQ && zrt_is_heap_number(key))
		h = zrt_num_hash(key);	/* eqv? is by value for them */
	else if (kind == TABLE_EQUAL)
		h = equal_hash(key, 4, addr);
	else if (kind == TABLE_STRING && IS_STRING(key))
		h = string_hash(key);
	else
		h = eq_hash(key, addr);
	return h & HASH_MASK;
}

/*
 * equal?: pairs and vectors elementwise, strings and bytevectors by
 * content, else eq?.
 * An explicit stack of pending pairs (cdrs and vector elements) keeps
 * long lists off the C stack; the walk follows cars, so a flat list
 * needs one pending entry at a time.
 */
struct pending {
	zval *items;
	size_t n, cap;
	zval local[64];
};

static void push2(struct pending *s, zval a, zval b)
{
	if (s->n + 2 > s->cap) {
		size_t cap = s->cap * 2;
		zval *items = s->items == s->local ? malloc(cap * sizeof(zval))
						   : realloc(s->items, cap * sizeof(zval));

		if (!items)
			zrt_fatal("out of memory (equal?)");
		if (s->items == s->local)
			memcpy(items, s->local, s->n * sizeof(zval));
		s->items = items;
		s->cap = cap;
	}
	s->items[s->n++] = a;
	s->items[s->n++] = b;
}

static int equal(zval a, zval b)
{
	struct pending s;
	int same = 1;

	s.items = s.local;
	s.n = 0;
	s.cap = 64;
	push2(&s, a, b);
	while (same && s.n) {
		b = s.items[--s.n];
		a = s.items[--s.n];
		while (a != b) {
			if (IS_PAIR(a) && IS_PAIR(b)) {
				push2(&s, CDR(a), CDR(b));
				a = CAR(a);
				b = CAR(b);
			} else if (IS_STRING(a) && IS_STRING(b)) {
				same = zrt_string_equal(a, b);
				break;
			} else if (IS_BYTEVECTOR(a) && IS_BYTEVECTOR(b)) {
				same = OBJ_LENGTH(a) == OBJ_LENGTH(b) &&
				       memcmp(BYTEVECTOR_BYTES(a), BYTEVECTOR_BYTES(b),
					      OBJ_LENGTH(a)) == 0;
				break;
			} else if (IS_VECTOR(a) && IS_VECTOR(b) && OBJ_LENGTH(a) == OBJ_LENGTH(b)) {
				size_t i;

				for (i = 0; i < OBJ_LENGTH(a); i++)
					push2(&s, OBJ_FIELD(a, i), OBJ_FIELD(b, i));
				break;
			} else {
				same = zrt_num_eqv(a, b);
				break;
			}
		}
	}
	if (s.items != s.local)
		free(s.items);
	return same;
}

int zrt_key_same(zint kind, zval a, zval b)
{
	if (a == b)
		return 1;
	if (kind != TABLE_EQ && zrt_is_heap_number(a))
		return zrt_num_eqv(a, b);
	if (kind == TABLE_EQUAL)
		return equal(a, b);
	if (kind == TABLE_STRING)
		return IS_STRING(a) && IS_STRING(b) && zrt_string_equal(a, b);
	return 0;
}
