/*
 * runtime/unicode.h - the layout of the generated Unicode tables.
 *
 * In:  nothing.
 * Out: the types and names shared by runtime/unicode-tables.c (made by
 *      tools/gen-unicode) and runtime/unicode.c (which searches them).
 *
 * Why it exists: the generated file and the code reading it must agree
 * on one layout; tools/gen-unicode's header describes what each table
 * holds.
 */
#ifndef ZOOT_UNICODE_H
#define ZOOT_UNICODE_H

#include <stddef.h>
#include <stdint.h>

/* Property bits of zrt_uc_props entries (start << 8 | bits). */
#define UC_ALPHA 1u
#define UC_SPACE 2u
#define UC_UPPER 4u
#define UC_LOWER 8u
#define UC_DIGIT 16u

/* Every STRIDE-th code point of [start, start + count * stride) maps to
 * itself plus DELTA. */
struct zrt_uc_case {
	uint32_t start;
	uint16_t count;
	uint16_t stride;
	int32_t delta;
};

/* A code point whose full mapping is two or three characters (a third
 * of 0 means two). */
struct zrt_uc_special {
	uint32_t code;
	uint32_t map[3];
};

extern const uint32_t zrt_uc_props[];
extern const size_t zrt_uc_props_count;
extern const struct zrt_uc_case zrt_uc_upper[], zrt_uc_lower[], zrt_uc_fold[];
extern const size_t zrt_uc_upper_count, zrt_uc_lower_count, zrt_uc_fold_count;
extern const uint32_t zrt_uc_digit_zeros[];
extern const size_t zrt_uc_digit_zeros_count;
extern const struct zrt_uc_special zrt_uc_special_upper[], zrt_uc_special_lower[],
	zrt_uc_special_fold[];
extern const size_t zrt_uc_special_upper_count, zrt_uc_special_lower_count,
	zrt_uc_special_fold_count;

#endif
