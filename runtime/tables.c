/*
 * runtime/tables.c - hash tables (%make-table, %table-ref, ...).
 *
 * In:  a kind (the symbol eq, eqv, equal or string), keys and values.
 * Out: tables with amortised O(1) operations whose keys stay findable
 *      across moving collections and come back in insertion order.
 *
 * Why it exists: only the runtime knows how objects move, so it owns the
 * hashing (language/hashtables.zt builds SRFI 69 on these primitives).
 * The insertion order of %table-keys is part of the contract: the
 * compiler's output must not depend on addresses.
 *
 * Layout (object type 7, ABI.md): kind (fixnum), count (fixnum: live
 * keys), entries (a vector), epoch (fixnum).  The entries vector is
 *
 *   E[0]           used: entry slots handed out so far, deleted ones included
 *   E[1]           index: a raw object of ICAP slots (ICAP a power of
 *                  two, at least twice the entry capacity), linear
 *                  probing; a slot is two uint32: entry number + 1 (0 =
 *                  empty) and the entry's hash, so probing compares
 *                  hashes without touching the entries
 *   E[2 + 3i]      key of entry i (ZUNBOUND once deleted)
 *   E[3 + 3i]      value of entry i
 *   E[4 + 3i]      hash of entry i (fixnum)
 *
 * New keys are appended, so walking the entries gives insertion order;
 * deleting leaves a hole that the next growth squeezes out, and a
 * re-inserted key goes to the end.  Index slots of deleted entries stay
 * until that growth rebuilds the index, so probing never breaks.
 *
 * Hashing and key comparison are in keys.c.  The epoch field is -1
 * while no key's hash depends on the address of a heap object; otherwise
 * it is the collector's epoch when the table was last hashed, and a
 * table from an older epoch is rehashed (in place, without allocating)
 * before its next use.
 */
#include <string.h>
#include "zrt.h"

#define T_KIND(t) OBJ_FIELD(t, 0)
#define T_COUNT(t) OBJ_FIELD(t, 1)
#define T_ENTRIES(t) OBJ_FIELD(t, 2)
#define T_EPOCH(t) OBJ_FIELD(t, 3)

#define E_USED(e) OBJ_FIELD(e, 0)
#define E_INDEX(e) OBJ_FIELD(e, 1)
#define E_KEY(e, i) OBJ_FIELD(e, 2 + 3 * (i))
#define E_VALUE(e, i) OBJ_FIELD(e, 3 + 3 * (i))
#define E_HASH(e, i) OBJ_FIELD(e, 4 + 3 * (i))

#define NO_EPOCH MAKE_FIXNUM(-1)
#define MIN_CAPACITY 8

static size_t capacity(zval e)
{
	return (OBJ_LENGTH(e) - 2) / 3;
}

struct slot {
	uint32_t entry;		/* entry number + 1; 0 = empty */
	uint32_t hash;
};

static struct slot *index_slots(zval e)
{
	return (struct slot *)(OBJ_PTR(E_INDEX(e)) + 1);
}

static size_t index_size(zval e)
{
	return OBJ_LENGTH(E_INDEX(e)) * sizeof(zval) / sizeof(struct slot);
}

/* ---- The index ------------------------------------------------------- */

static void index_add(zval e, uint32_t h, size_t entry)
{
	struct slot *slots = index_slots(e);
	size_t mask = index_size(e) - 1, i = h & mask;

	while (slots[i].entry)
		i = (i + 1) & mask;
	slots[i].entry = (uint32_t)(entry + 1);
	slots[i].hash = h;
}

/*
 * Rebuild the index from the live entries, recomputing their hashes if
 * they may depend on addresses.  Allocates nothing, so it cannot itself
 * make the hashes stale again.
 */
static void rehash(zval t)
{
	zval e = T_ENTRIES(t);
	zint kind = FIXNUM_VALUE(T_KIND(t));
	size_t used = (size_t)FIXNUM_VALUE(E_USED(e)), i;
	int recompute = T_EPOCH(t) != NO_EPOCH, addr = 0;

	memset(index_slots(e), 0, index_size(e) * sizeof(struct slot));
	for (i = 0; i < used; i++) {
		zval key = E_KEY(e, i);

		if (key == ZUNBOUND)
			continue;
		if (recompute)
			E_HASH(e, i) = MAKE_FIXNUM(zrt_key_hash(kind, key, &addr));
		index_add(e, (uint32_t)FIXNUM_VALUE(E_HASH(e, i)), i);
	}
	if (recompute)
		T_EPOCH(t) = addr ? MAKE_FIXNUM(zrt_gc_epoch) : NO_EPOCH;
}

static void ensure_hashed(zval t)
{
	if (T_EPOCH(t) != NO_EPOCH && T_EPOCH(t) != MAKE_FIXNUM(zrt_gc_epoch))
		rehash(t);
}

/* The entry holding KEY (hash H), or -1. */
static zint find(zval t, zval key, uint32_t h)
{
	zval e = T_ENTRIES(t);
	zint kind = FIXNUM_VALUE(T_KIND(t));
	struct slot *slots = index_slots(e);
	size_t mask = index_size(e) - 1, i = h & mask;

	for (; slots[i].entry; i = (i + 1) & mask) {
		size_t entry;
		zval k;

		if (slots[i].hash != h)
			continue;
		entry = slots[i].entry - 1;
		k = E_KEY(e, entry);
		if (k != ZUNBOUND && zrt_key_same(kind, k, key))
			return (zint)entry;
	}
	return -1;
}

/* An empty entries vector for CAP entries. */
static zval make_entries(size_t cap)
{
	size_t icap = 1;
	zval index, e;

	while (icap < 2 * cap)
		icap *= 2;
	index = zrt_make_raw(icap * sizeof(struct slot));
	ZROOT(index);
	e = zrt_make_object(OBJ_VECTOR, 2 + 3 * cap, 0);
	E_USED(e) = MAKE_FIXNUM(0);
	E_INDEX(e) = index;
	return e;
}

/* Make room for one more entry: squeeze out deleted entries and, when
 * more than half are live, double the capacity. */
static void grow(zval t)
{
	size_t live = (size_t)FIXNUM_VALUE(T_COUNT(t)), cap, used, i, k = 0;
	zval e, old;

	ZROOT(t);
	cap = 2 * live < MIN_CAPACITY ? MIN_CAPACITY : 2 * live;
	e = make_entries(cap);
	old = T_ENTRIES(t);
	used = (size_t)FIXNUM_VALUE(E_USED(old));
	for (i = 0; i < used; i++) {
		if (E_KEY(old, i) == ZUNBOUND)
			continue;
		E_KEY(e, k) = E_KEY(old, i);
		E_VALUE(e, k) = E_VALUE(old, i);
		E_HASH(e, k) = E_HASH(old, i);
		k++;
	}
	E_USED(e) = MAKE_FIXNUM(k);
	T_ENTRIES(t) = e;
	zrt_barrier(t);
	/* The allocation may have moved keys: rehash at the current epoch
	 * (rehash recomputes every hash unless none depends on addresses). */
	rehash(t);
}

/* ---- Primitives ------------------------------------------------------ */

static void check_table(const char *who, zval t)
{
	if (!IS_TYPE(t, OBJ_TABLE))
		zrt_type_error(who, "a hash table", t);
}

static int name_is(zval sym, const char *name)
{
	zval s = SYMBOL_NAME(sym);
	size_t n = strlen(name), i;

	if (OBJ_LENGTH(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (STRING_CHARS(s)[i] != (uint32_t)(unsigned char)name[i])
			return 0;
	return 1;
}

zval zp_make_table(zval kind)
{
	zint k = TABLE_EQUAL;
	zval t, e;

	if (!IS_SYMBOL(kind))
		zrt_type_error("%make-table", "a symbol", kind);
	if (name_is(kind, "eq"))
		k = TABLE_EQ;
	else if (name_is(kind, "eqv"))
		k = TABLE_EQV;
	else if (name_is(kind, "string"))
		k = TABLE_STRING;
	e = make_entries(MIN_CAPACITY);
	ZROOT(e);
	t = zrt_make_object(OBJ_TABLE, 4, 0);
	T_KIND(t) = MAKE_FIXNUM(k);
	T_COUNT(t) = MAKE_FIXNUM(0);
	T_ENTRIES(t) = e;
	T_EPOCH(t) = NO_EPOCH;
	return t;
}

zval zp_table_p(zval x)
{
	return ZBOOL(IS_TYPE(x, OBJ_TABLE));
}

zval zp_table_ref(zval t, zval key, zval dflt)
{
	int addr = 0;
	zint entry;

	check_table("%table-ref", t);
	ensure_hashed(t);
	entry = find(t, key, zrt_key_hash(FIXNUM_VALUE(T_KIND(t)), key, &addr));
	return entry < 0 ? dflt : E_VALUE(T_ENTRIES(t), entry);
}

zval zp_table_set(zval t, zval key, zval value)
{
	zint kind, entry;
	uint32_t h;
	int addr = 0;
	size_t used;
	zval e;

	check_table("%table-set!", t);
	ZROOT(t);
	ZROOT(key);
	ZROOT(value);
	kind = FIXNUM_VALUE(T_KIND(t));
	ensure_hashed(t);
	h = zrt_key_hash(kind, key, &addr);
	entry = find(t, key, h);
	if (entry >= 0) {
		E_VALUE(T_ENTRIES(t), entry) = value;
		zrt_barrier(T_ENTRIES(t));
		return ZUNSPEC;
	}
	e = T_ENTRIES(t);
	if ((size_t)FIXNUM_VALUE(E_USED(e)) == capacity(e)) {
		grow(t);
		/* The key itself may have moved. */
		addr = 0;
		h = zrt_key_hash(kind, key, &addr);
		e = T_ENTRIES(t);
	}
	used = (size_t)FIXNUM_VALUE(E_USED(e));
	E_KEY(e, used) = key;
	E_VALUE(e, used) = value;
	zrt_barrier(e);
	E_HASH(e, used) = MAKE_FIXNUM(h);
	E_USED(e) = MAKE_FIXNUM(used + 1);
	index_add(e, h, used);
	T_COUNT(t) = MAKE_FIXNUM(FIXNUM_VALUE(T_COUNT(t)) + 1);
	if (addr && T_EPOCH(t) == NO_EPOCH)
		T_EPOCH(t) = MAKE_FIXNUM(zrt_gc_epoch);
	return ZUNSPEC;
}

zval zp_table_delete(zval t, zval key)
{
	int addr = 0;
	zint entry;

	check_table("%table-delete!", t);
	ensure_hashed(t);
	entry = find(t, key, zrt_key_hash(FIXNUM_VALUE(T_KIND(t)), key, &addr));
	if (entry >= 0) {
		zval e = T_ENTRIES(t);

		E_KEY(e, entry) = ZUNBOUND;
		E_VALUE(e, entry) = 0;
		T_COUNT(t) = MAKE_FIXNUM(FIXNUM_VALUE(T_COUNT(t)) - 1);
	}
	return ZUNSPEC;
}

zval zp_table_count(zval t)
{
	check_table("%table-count", t);
	return T_COUNT(t);
}

/* The keys in insertion order; one allocation for the whole list. */
zval zp_table_keys(zval t)
{
	size_t n, used, i, k = 0;
	zval *p, e;

	check_table("%table-keys", t);
	n = (size_t)FIXNUM_VALUE(T_COUNT(t));
	if (n == 0)
		return ZNULL;
	{
		ZROOT(t);
		p = zrt_alloc(2 * n);
	}
	e = T_ENTRIES(t);
	used = (size_t)FIXNUM_VALUE(E_USED(e));
	for (i = 0; i < used; i++) {
		if (E_KEY(e, i) == ZUNBOUND)
			continue;
		p[2 * k] = E_KEY(e, i);
		p[2 * k + 1] = k + 1 < n ? MAKE_PAIR_PTR(p + 2 * k + 2) : ZNULL;
		k++;
	}
	return MAKE_PAIR_PTR(p);
}
