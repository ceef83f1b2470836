/*
 * runtime/flobits.h - a double's IEEE 754 bits and back.
 *
 * In:  a double, or the 64 bits of one.
 * Out: the other.
 *
 * Why it exists: the numeric code (flotext.c, mathlib.c and their tests)
 * works on the bit fields of doubles; memcpy is the one way to reinterpret
 * them that C defines, and it compiles to a register move.
 */
#ifndef ZOOT_FLOBITS_H
#define ZOOT_FLOBITS_H

#include <stdint.h>
#include <string.h>

static inline uint64_t bits_of(double d)
{
	uint64_t b;

	memcpy(&b, &d, sizeof b);
	return b;
}

static inline double of_bits(uint64_t b)
{
	double d;

	memcpy(&d, &b, sizeof d);
	return d;
}

#endif
