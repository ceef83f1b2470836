/*
 * runtime/symbols.c - the symbol table: interning, static symbols, gensym.
 *
 * In:  names (Zoot strings); the static symbols the compiler emits in
 *      section zoot_symbols (header, name, hash), whose names are static
 *      strings in zoot_static.
 * Out: the unique symbol for each name (string->symbol), fresh
 *      uninterned symbols (%gensym, %make-symbol), symbol->string.
 *
 * Why it exists: symbols are compared with eq?, so each name must map to
 * exactly one symbol whether the compiler made it or the program did.
 *
 * The table is an open-addressing array in C memory holding symbol
 * values; it is a strong root (symbols are never collected: programs
 * intern few, and the compiler's own ones are static anyway).  Slots
 * are found by the symbol's stored hash, which depends only on the name,
 * so a collection updates the entries in place and nothing is rehashed.
 * The runtime owns the hash function: start-up overwrites the hash field
 * of every static symbol, so the compiler may emit any fixnum there.
 */
#include <stdlib.h>
#include <string.h>
#include "zrt.h"

extern zval __start_zoot_symbols[] __attribute__((weak));
extern zval __stop_zoot_symbols[] __attribute__((weak));

static zval *table;		/* 0 = empty slot (0 is no symbol) */
static size_t capacity, count;
static zint gensym_counter;

/* A non-negative hash that is a fixnum on every target. */
static zint name_hash(zval name)
{
	return (zint)(zrt_chars_hash(STRING_CHARS(name), OBJ_LENGTH(name)) & 0x1fffffff);
}

static size_t find_slot(zval name, zint hash)
{
	size_t mask = capacity - 1, i = (size_t)hash & mask;

	for (;; i = (i + 1) & mask) {
		zval sym = table[i];

		if (sym == 0)
			return i;
		if (SYMBOL_HASH(sym) == MAKE_FIXNUM(hash) &&
		    zrt_string_equal(SYMBOL_NAME(sym), name))
			return i;
	}
}

static void grow(void)
{
	size_t old_capacity = capacity, i;
	zval *old = table;

	capacity = capacity ? capacity * 2 : 1024;
	table = calloc(capacity, sizeof(zval));
	if (!table)
		zrt_fatal("out of memory (symbol table)");
	for (i = 0; i < old_capacity; i++)
		if (old[i])
			table[find_slot(SYMBOL_NAME(old[i]),
					FIXNUM_VALUE(SYMBOL_HASH(old[i])))] = old[i];
	free(old);
}

static void insert(size_t slot, zval sym)
{
	table[slot] = sym;
	if (++count * 2 > capacity)
		grow();
}

static zval make_symbol(zval name, zint hash)
{
	zval sym;

	ZROOT(name);
	sym = zrt_make_object(OBJ_SYMBOL, 2, 0);
	SYMBOL_NAME(sym) = name;
	SYMBOL_HASH(sym) = MAKE_FIXNUM(hash);
	return sym;
}

static zval copy_string(zval s)
{
	zval copy;
	size_t n = OBJ_LENGTH(s);

	ZROOT(s);
	copy = zrt_alloc_string(n);
	memcpy(STRING_CHARS(copy), STRING_CHARS(s), n * sizeof(uint32_t));
	return copy;
}

/* The symbol named by (a copy of) STRING, made if it is new. */
zval zrt_intern(zval string)
{
	zint hash = name_hash(string);
	size_t slot;
	zval sym;

	if (!capacity)
		grow();
	slot = find_slot(string, hash);
	if (table[slot])
		return table[slot];
	sym = make_symbol(copy_string(string), hash);
	/* Allocation never moves the C table, so SLOT is still right. */
	insert(slot, sym);
	return sym;
}

zval zrt_intern_cstr(const char *name)
{
	return zrt_intern(zrt_string_from_cstr(name));
}

/* Enter every static symbol; two with the same name would break eq?,
 * so that is a fatal error (the compiler must emit each name once). */
void zrt_symbols_init(void)
{
	zval *p = __start_zoot_symbols, *end = __stop_zoot_symbols;

	if (!capacity)
		grow();
	if (!p)
		return;
	while (p < end) {
		zval sym, name;
		zint hash;
		size_t slot;

		if (*p == 0) {
			p++;
			continue;
		}
		if (!IS_HEADER(*p) || HEADER_TYPE(*p) != OBJ_SYMBOL || !IS_STRING(p[1]))
			zrt_fatal("internal error: corrupt static symbol section");
		sym = MAKE_OBJ_PTR(p);
		name = SYMBOL_NAME(sym);
		hash = name_hash(name);
		SYMBOL_HASH(sym) = MAKE_FIXNUM(hash);
		slot = find_slot(name, hash);
		if (table[slot])
			zrt_fatal("internal error: two static symbols with the same name");
		insert(slot, sym);
		p += object_words(*p);
	}
}

void zrt_symbols_scan(void)
{
	size_t i;

	for (i = 0; i < capacity; i++)
		if (table[i])
			zrt_gc_forward(&table[i]);
}

zval zp_symbol_to_string(zval s)
{
	if (!IS_SYMBOL(s))
		zrt_type_error("symbol->string", "a symbol", s);
	return copy_string(SYMBOL_NAME(s));
}

zval zp_string_to_symbol(zval s)
{
	if (!IS_STRING(s))
		zrt_type_error("string->symbol", "a string", s);
	return zrt_intern(s);
}

/* A fresh uninterned symbol named PREFIX followed by a global counter
 * (1, 2, ...), as the bootstrap's (make-symbol "~a~d"). */
zval zp_gensym(zval prefix)
{
	char digits[24];
	size_t n = 0, plen, i;
	zint k;
	zval name;

	if (!IS_STRING(prefix))
		zrt_type_error("%gensym", "a string", prefix);
	k = ++gensym_counter;
	do {
		digits[n++] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	plen = OBJ_LENGTH(prefix);
	{
		ZROOT(prefix);
		name = zrt_alloc_string(plen + n);
	}
	memcpy(STRING_CHARS(name), STRING_CHARS(prefix), plen * sizeof(uint32_t));
	for (i = 0; i < n; i++)
		STRING_CHARS(name)[plen + i] = (uint32_t)digits[n - 1 - i];
	return make_symbol(name, name_hash(name));
}

/* A fresh uninterned symbol named exactly NAME: the twin that import
 * gives a program's own name (language/libraries.zt), which prints as
 * the name but is not eq? to the interned symbol. */
zval zp_make_symbol(zval name)
{
	if (!IS_STRING(name))
		zrt_type_error("%make-symbol", "a string", name);
	name = copy_string(name);
	return make_symbol(name, name_hash(name));
}
