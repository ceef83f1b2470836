/*
 * runtime/object.h - the representation of Zoot values, in C.
 *
 * In:  nothing.
 * Out: the zval type and the macros that build and take apart values,
 *      exactly as runtime/ABI.md describes them (that page is the
 *      contract with the compiler; change both together).
 *
 * Every other runtime file includes this one.  It is word-size neutral:
 * zval is uintptr_t, so the same code serves x86-64, i386 and ARM.
 */
#ifndef ZOOT_OBJECT_H
#define ZOOT_OBJECT_H

#include <stdint.h>
#include <stddef.h>

typedef uintptr_t zval;
typedef intptr_t zint;

#define ZWORD ((zint)sizeof(zval))

/* Tags: the low three bits of a value. */
#define TAG_MASK 7u
#define TAG_PAIR 1u
#define TAG_IMM 2u
#define TAG_OBJ 3u
#define TAG_HEADER 6u

/* Fixnums: low two bits 00. */
#define FIXNUM_BITS ((int)(8 * sizeof(zval)) - 2)
#define FIXNUM_MAX ((zint)(((zval)1 << (FIXNUM_BITS - 1)) - 1))
#define FIXNUM_MIN (-FIXNUM_MAX - 1)
#define IS_FIXNUM(v) (((v) & 3u) == 0)
#define MAKE_FIXNUM(n) ((zval)((zint)(n) * 4))
#define FIXNUM_VALUE(v) ((zint)(v) >> 2)

/* Immediates: payload << 8 | subtag << 3 | 010. */
#define MAKE_IMM(subtag, payload) (((zval)(payload) << 8) | ((zval)(subtag) << 3) | TAG_IMM)
#define IMM_SUBTAG(v) (((v) >> 3) & 31u)
#define IMM_PAYLOAD(v) ((v) >> 8)

enum imm_subtag {
	IMM_CHAR = 0,
	IMM_BOOL = 1,
	IMM_NULL = 2,
	IMM_UNSPECIFIED = 3,
	IMM_EOF = 4,
	IMM_UNBOUND = 5,
	IMM_FORWARD = 6,
};

#define ZFALSE MAKE_IMM(IMM_BOOL, 0)
#define ZTRUE MAKE_IMM(IMM_BOOL, 1)
#define ZNULL MAKE_IMM(IMM_NULL, 0)
#define ZUNSPEC MAKE_IMM(IMM_UNSPECIFIED, 0)
#define ZEOF MAKE_IMM(IMM_EOF, 0)
#define ZUNBOUND MAKE_IMM(IMM_UNBOUND, 0)
#define ZFORWARD MAKE_IMM(IMM_FORWARD, 0)
#define ZBOOL(c) ((c) ? ZTRUE : ZFALSE)

#define IS_CHAR(v) (((v) & 0xffu) == MAKE_IMM(IMM_CHAR, 0))
#define MAKE_CHAR(c) MAKE_IMM(IMM_CHAR, (c))
#define CHAR_VALUE(v) ((uint32_t)IMM_PAYLOAD(v))

/* Pairs: two words, tagged pointer + 1. */
#define IS_PAIR(v) (((v) & TAG_MASK) == TAG_PAIR)
#define PAIR_CELL(v) ((zval *)((v) - TAG_PAIR))
#define CAR(v) (PAIR_CELL(v)[0])
#define CDR(v) (PAIR_CELL(v)[1])
#define MAKE_PAIR_PTR(p) ((zval)(p) + TAG_PAIR)

/* Objects: a header word, then fields; tagged pointer + 3. */
#define IS_OBJ(v) (((v) & TAG_MASK) == TAG_OBJ)
#define OBJ_PTR(v) ((zval *)((v) - TAG_OBJ))
#define MAKE_OBJ_PTR(p) ((zval)(p) + TAG_OBJ)
#define OBJ_HEADER(v) (OBJ_PTR(v)[0])
#define OBJ_FIELD(v, i) (OBJ_PTR(v)[1 + (i)])

#define MAKE_HEADER(type, length) (((zval)(length) << 8) | ((zval)(type) << 3) | TAG_HEADER)
#define IS_HEADER(w) (((w) & TAG_MASK) == TAG_HEADER)
#define HEADER_TYPE(h) (((h) >> 3) & 31u)
#define HEADER_LENGTH(h) ((h) >> 8)

enum obj_type {
	OBJ_VECTOR = 0,
	OBJ_STRING = 1,
	OBJ_SYMBOL = 2,
	OBJ_CLOSURE = 3,
	OBJ_RECORD = 4,
	OBJ_BOX = 5,
	OBJ_RECORD_TYPE = 6,
	OBJ_TABLE = 7,
	OBJ_RAW = 8,
	OBJ_BIGNUM = 9,		/* raw: ndigits << 1 | sign, then uint32 digits */
	OBJ_FLONUM = 10,	/* raw: the 8 bytes of an IEEE double */
	OBJ_RATNUM = 11,	/* numerator, denominator (> 1, coprime) */
	OBJ_COMPNUM = 12,	/* real part, imaginary part (not exact 0) */
	OBJ_BYTEVECTOR = 13,
	OBJ_CONTINUATION = 14,
};

#define OBJ_TYPE(v) HEADER_TYPE(OBJ_HEADER(v))
#define OBJ_LENGTH(v) HEADER_LENGTH(OBJ_HEADER(v))
/* The low byte of a header holds the type and the header tag, so one
 * comparison of that byte checks the type. */
#define IS_TYPE(v, t) (IS_OBJ(v) && (OBJ_HEADER(v) & 0xffu) == MAKE_HEADER((t), 0))

#define IS_VECTOR(v) IS_TYPE(v, OBJ_VECTOR)
#define IS_STRING(v) IS_TYPE(v, OBJ_STRING)
#define IS_SYMBOL(v) IS_TYPE(v, OBJ_SYMBOL)
#define IS_CLOSURE(v) IS_TYPE(v, OBJ_CLOSURE)
#define IS_RECORD(v) IS_TYPE(v, OBJ_RECORD)

/* Strings hold 32-bit code points after the header. */
#define STRING_CHARS(v) ((uint32_t *)(OBJ_PTR(v) + 1))
#define STRING_WORDS(len) (((len) * 4 + sizeof(zval) - 1) / sizeof(zval))

/* Bytevectors hold LENGTH bytes after the header, padded to a whole word. */
#define IS_BYTEVECTOR(v) IS_TYPE(v, OBJ_BYTEVECTOR)
#define BYTEVECTOR_BYTES(v) ((uint8_t *)(OBJ_PTR(v) + 1))
#define BYTEVECTOR_WORDS(len) (((len) + sizeof(zval) - 1) / sizeof(zval))

/* Symbols: name string, hash fixnum. */
#define SYMBOL_NAME(v) OBJ_FIELD(v, 0)
#define SYMBOL_HASH(v) OBJ_FIELD(v, 1)

/* Closures: raw code address, then free variables. */
#define CLOSURE_CODE(v) OBJ_FIELD(v, 0)

/* Records: record type, then fields. */
#define RECORD_TYPE(v) OBJ_FIELD(v, 0)
#define RECORD_FIELD(v, i) OBJ_FIELD(v, 1 + (i))

/* Continuations (runtime/continuations.c, ABI.md "Continuations"): the
 * resume point (raw code address, raw frame address), the stretch of
 * stack they stand for (raw address of its lowest word, fixnum word
 * count), the continuation below that stretch (or #f), the raw object
 * holding the stretch's words and the fixnum index there of its first. */
#define CONT_RA(v) OBJ_FIELD(v, 0)
#define CONT_FRAME(v) OBJ_FIELD(v, 1)
#define CONT_SP(v) OBJ_FIELD(v, 2)
#define CONT_WORDS(v) OBJ_FIELD(v, 3)
#define CONT_PARENT(v) OBJ_FIELD(v, 4)
#define CONT_SEGMENT(v) OBJ_FIELD(v, 5)
#define CONT_OFFSET(v) OBJ_FIELD(v, 6)
#define CONT_FIELDS 7

/* Hash tables: kind, count, entries vector, epoch. */
enum table_kind { TABLE_EQ = 0, TABLE_EQV = 1, TABLE_EQUAL = 2, TABLE_STRING = 3 };

/* Words an object of TYPE and LENGTH occupies, header included, rounded
 * up to the 8-byte alignment every object keeps.  LENGTH counts
 * characters for a string and bytes for a bytevector. */
static inline size_t object_words(zval header)
{
	size_t length = HEADER_LENGTH(header);
	unsigned type = HEADER_TYPE(header);
	size_t words = 1 + (type == OBJ_STRING ? STRING_WORDS(length)
			    : type == OBJ_BYTEVECTOR ? BYTEVECTOR_WORDS(length) : length);
	size_t align = 8 / sizeof(zval);
	return (words + align - 1) / align * align;
}

#endif
