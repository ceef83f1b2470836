/*
 * runtime/records.c - record types and records.
 *
 * In:  the calls define-record-type expands into (language/expander.zt):
 *      %make-record-type, %make-record, %checked-record-ref/set!, and the
 *      unchecked accessors.
 * Out: record-type objects (type 6: name, field names) and records
 *      (type 4: record type, then the fields); the type errors
 *      "WHO: expected a NAME record, got X" for a wrong argument.
 *
 * Why it exists: records are the language's only user-defined type; the
 * checked accessors are the ones programs call, so their error message
 * must match the bootstrap's exactly.
 */
#include <string.h>
#include "zrt.h"

zval zp_make_record_type(zval name, zval fields)
{
	zval rt;

	ZROOT(name);
	ZROOT(fields);
	rt = zrt_make_object(OBJ_RECORD_TYPE, 2, 0);
	OBJ_FIELD(rt, 0) = name;
	OBJ_FIELD(rt, 1) = fields;
	return rt;
}

zval zp_record_type_name(zval type)
{
	if (!IS_TYPE(type, OBJ_RECORD_TYPE))
		zrt_type_error("%record-type-name", "a record type", type);
	return OBJ_FIELD(type, 0);
}

zval zp_make_record(zval type, zval n, zval fill)
{
	zval r;

	if (!IS_FIXNUM(n) || FIXNUM_VALUE(n) < 0 || FIXNUM_VALUE(n) > ((zint)1 << 20))
		zrt_type_error("%make-record", "a field count", n);
	ZROOT(type);
	r = zrt_make_object(OBJ_RECORD, 1 + (size_t)FIXNUM_VALUE(n), fill);
	RECORD_TYPE(r) = type;
	return r;
}

zval zp_record_p(zval x)
{
	return ZBOOL(IS_RECORD(x));
}

zval zp_record_type(zval x)
{
	if (!IS_RECORD(x))
		zrt_type_error("%record-type", "a record", x);
	return RECORD_TYPE(x);
}

zval zp_record_of_type_p(zval x, zval type)
{
	return ZBOOL(IS_RECORD(x) && RECORD_TYPE(x) == type);
}

/* The field index I of record R, checked so that a bad call from
 * library code is an error rather than a stray write. */
static size_t field_index(const char *who, zval r, zval i)
{
	if (!IS_RECORD(r))
		zrt_type_error(who, "a record", r);
	if (!IS_FIXNUM(i) || FIXNUM_VALUE(i) < 0 ||
	    (size_t)FIXNUM_VALUE(i) + 1 >= OBJ_LENGTH(r))
		zrt_range_error(who, i, r);
	return (size_t)FIXNUM_VALUE(i);
}

zval zp_record_ref(zval r, zval i)
{
	return RECORD_FIELD(r, field_index("%record-ref", r, i));
}

zval zp_record_set(zval r, zval i, zval v)
{
	RECORD_FIELD(r, field_index("%record-set!", r, i)) = v;
	zrt_barrier(r);
	return ZUNSPEC;
}

/* "a NAME record", NAME being the record type's name (a string, or a
 * symbol from older expansions). */
static _Noreturn void record_type_error(zval who, zval type, zval x)
{
	static const char tail[] = " record";
	zval name = IS_TYPE(type, OBJ_RECORD_TYPE) ? OBJ_FIELD(type, 0) : ZFALSE;
	zval expected;
	size_t n, i;

	ZROOT(who);
	ZROOT(x);
	ZROOT(name);
	if (IS_SYMBOL(name))
		name = SYMBOL_NAME(name);
	if (!IS_STRING(name))
		name = zrt_string_from_cstr("?");
	n = OBJ_LENGTH(name);
	expected = zrt_make_string(2 + n + sizeof(tail) - 1, ' ');
	STRING_CHARS(expected)[0] = 'a';
	memcpy(STRING_CHARS(expected) + 2, STRING_CHARS(name), n * sizeof(uint32_t));
	for (i = 0; tail[i]; i++)
		STRING_CHARS(expected)[2 + n + i] = (uint32_t)tail[i];
	zrt_type_error_v(who, expected, x);
}

/* A field index from the expander is always in range for its type, so
 * only the record's identity is checked, as in the bootstrap. */
zval zp_checked_record_ref(zval x, zval type, zval i, zval who)
{
	if (!IS_RECORD(x) || RECORD_TYPE(x) != type)
		record_type_error(who, type, x);
	return RECORD_FIELD(x, FIXNUM_VALUE(i));
}

zval zp_checked_record_set(zval x, zval type, zval i, zval v, zval who)
{
	if (!IS_RECORD(x) || RECORD_TYPE(x) != type)
		record_type_error(who, type, x);
	RECORD_FIELD(x, FIXNUM_VALUE(i)) = v;
	zrt_barrier(x);
	return ZUNSPEC;
}
