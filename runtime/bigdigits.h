/*
 * runtime/bigdigits.h - arithmetic on magnitudes: arrays of 32-bit digits.
 *
 * In:  magnitudes as little-endian arrays of uint32_t digits (digit 0 is
 *      the least significant) with their lengths; buffers for results
 *      and scratch space, provided by the caller.
 * Out: sums, differences, products, quotients and remainders, shifts,
 *      text in radix 2, 8, 10 or 16, magnitudes from text, the nearest
 *      double to an integer or to a ratio of integers, and the exact
 *      value of a double.
 *
 * Why it exists: the numeric tower's bignums and ratnums (and the exact
 * algorithms of flotext.c) need these, and they must give the same
 * results on every target: digits are 32 bits everywhere, the code is
 * plain C with 64-bit intermediates, and nothing here allocates, so it
 * runs hosted and freestanding (the guest) alike.  The caller allocates
 * every buffer (in the Zoot heap, or on the C stack): no function here
 * calls malloc, and none can fail except as documented.
 *
 * Conventions, for every function below:
 * - A magnitude is (const bd_digit *a, size_t an).  an = 0 is zero.
 *   Inputs need not be normalized (leading zero digits are allowed);
 *   every function returning a length returns the NORMALIZED length of
 *   its result (no leading zero digit; 0 for zero).  Digits of a result
 *   buffer beyond the returned length are unspecified.
 * - Result buffers must be as large as each function says, even when
 *   the normalized result is shorter.
 * - Results may not overlap inputs unless the function says so.
 * - Lengths and bit counts are size_t; nothing checks for overflow of
 *   sizes the caller could not allocate anyway.
 */
#ifndef ZOOT_BIGDIGITS_H
#define ZOOT_BIGDIGITS_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t bd_digit;
#define BD_BITS 32

/* AN without the leading zero digits of A. */
size_t bd_normalize(const bd_digit *a, size_t an);

/* -1, 0 or 1 as A < B, A = B, A > B. */
int bd_compare(const bd_digit *a, size_t an, const bd_digit *b, size_t bn);

/* The number of significant bits of A (0 for zero). */
size_t bd_bit_length(const bd_digit *a, size_t an);

/* R = V, a 64-bit value; R has 2 digits.  Returns the length. */
size_t bd_from_u64(bd_digit *r, uint64_t v);

/* R = A + B.  R has max(an, bn) + 1 digits and may be A or B. */
size_t bd_add(bd_digit *r, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn);

/* R = A - B, A >= B required.  R has an digits and may be A or B. */
size_t bd_sub(bd_digit *r, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn);

/* R = A * M + ADD.  R has an + 1 digits and may be A. */
size_t bd_mul_digit_add(bd_digit *r, const bd_digit *a, size_t an,
			bd_digit m, bd_digit add);

/* Q = A / D and *REM = A mod D, D != 0.  Q has an digits and may be A. */
size_t bd_div_digit(bd_digit *q, const bd_digit *a, size_t an,
		    bd_digit d, bd_digit *rem);

/*
 * R = A * B.  R has an + bn digits and overlaps neither A nor B.
 * Schoolbook when the shorter operand is short (bigdigits.c says the
 * threshold and how it was measured), Karatsuba above.  SCRATCH has
 * bd_mul_scratch(an, bn) digits (0, and SCRATCH may then be NULL, when
 * Karatsuba would not be used).
 */
size_t bd_mul_scratch(size_t an, size_t bn);
size_t bd_mul(bd_digit *r, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn, bd_digit *scratch);

/* R = A * A, what bd_mul(r, a, an, a, an, scratch) gives, in about
 * two thirds of the time (SCRATCH has bd_mul_scratch(an, an) digits). */
size_t bd_square(bd_digit *r, const bd_digit *a, size_t an, bd_digit *scratch);

/*
 * Q = A / B and R = A mod B (Knuth's algorithm D), B != 0 (bn > 0 after
 * normalizing; the caller checks for division by zero).  Q has
 * an - bn + 1 digits (at least 1), R has bn digits; either may be NULL
 * when not wanted.  Neither overlaps A, B or the other.  SCRATCH has
 * bd_divmod_scratch(an, bn) digits.  The lengths of Q and R are stored
 * in *QN and *RN (each may be NULL).
 */
size_t bd_divmod_scratch(size_t an, size_t bn);
void bd_divmod(bd_digit *q, size_t *qn, bd_digit *r, size_t *rn,
	       const bd_digit *a, size_t an, const bd_digit *b, size_t bn,
	       bd_digit *scratch);

/*
 * S = floor(sqrt(A)) and R = A - S^2 (Newton's iteration from a power
 * of two above the root).  S has an / 2 + 1 digits, R has an + 1; R
 * may be NULL.  Lengths in *SN and *RN (each may be NULL).  SCRATCH has
 * bd_isqrt_scratch(an) digits.
 */
size_t bd_isqrt_scratch(size_t an);
void bd_isqrt(bd_digit *s, size_t *sn, bd_digit *r, size_t *rn,
	      const bd_digit *a, size_t an, bd_digit *scratch);

/*
 * G = gcd(A, B) (Lehmer's algorithm on 32-bit leading digits; gcd(A, 0) = A).  G
 * has max(an, bn) digits.  SCRATCH has bd_gcd_scratch(an, bn) digits.
 */
size_t bd_gcd_scratch(size_t an, size_t bn);
size_t bd_gcd(bd_digit *g, const bd_digit *a, size_t an,
	      const bd_digit *b, size_t bn, bd_digit *scratch);

/*
 * Bitwise operations on integers in two's complement of unbounded
 * width, given and returned as sign and magnitude (NEG nonzero for a
 * negative number; -0 is 0): R = A op B, *RNEG its sign.  R has
 * max(an, bn) + 1 digits and may be A or B.  OP is BD_AND, BD_OR or
 * BD_XOR.  (Arithmetic shifts of negative numbers are floor(A / 2^k):
 * bd_shift_right of the magnitude, plus one if bd_low_bits_nonzero.)
 */
enum { BD_AND, BD_OR, BD_XOR };
size_t bd_bitwise(bd_digit *r, int *rneg, int op,
		  const bd_digit *a, size_t an, int aneg,
		  const bd_digit *b, size_t bn, int bneg);

/* R = A << BITS.  R has an + BITS / 32 + 1 digits and may be A. */
size_t bd_shift_left(bd_digit *r, const bd_digit *a, size_t an, size_t bits);

/* R = A >> BITS (floor).  R has an digits (or at least 1) and may be A. */
size_t bd_shift_right(bd_digit *r, const bd_digit *a, size_t an, size_t bits);

/* Whether any of the low BITS bits of A is 1. */
int bd_low_bits_nonzero(const bd_digit *a, size_t an, size_t bits);

/*
 * Text.  RADIX is 2, 8, 10 or 16.  bd_to_text writes the digits of A
 * (lowercase, no sign, no leading zeros, "0" for zero) and a NUL to
 * OUT, which has bd_text_size(an, radix) chars, and returns the number
 * of digit chars.  SCRATCH has an digits (A is copied there and divided
 * down); A itself is not changed.
 */
size_t bd_text_size(size_t an, int radix);
size_t bd_to_text(char *out, const bd_digit *a, size_t an, int radix,
		  bd_digit *scratch);

/*
 * R = the magnitude written by the LEN chars of S in RADIX (2, 8, 10,
 * 16; chars '0'-'9', 'a'-'f', 'A'-'F' as far as the radix allows; no
 * sign, no prefix).  R has bd_from_text_size(len, radix) digits.
 * Returns the length, or (size_t)-1 if a char is not a digit of the
 * radix (R is then garbage).  LEN = 0 gives 0.
 */
size_t bd_from_text_size(size_t len, int radix);
size_t bd_from_text(bd_digit *r, const char *s, size_t len, int radix);

/*
 * Doubles.  bd_to_double: the double nearest to A (negated when
 * NEGATIVE), ties to even, +-infinity beyond the largest finite double.
 */
double bd_to_double(const bd_digit *a, size_t an, int negative);

/*
 * The double nearest to N / D (negated when NEGATIVE), correctly
 * rounded, ties to even, including subnormal results, 0.0 (or -0.0)
 * when it rounds to nothing, +-infinity beyond the largest double.
 * D != 0.  SCRATCH has bd_ratio_scratch(nn, dn) digits.
 */
size_t bd_ratio_scratch(size_t nn, size_t dn);
double bd_ratio_to_double(const bd_digit *n, size_t nn,
			  const bd_digit *d, size_t dn, int negative,
			  bd_digit *scratch);

/*
 * The exact value of X: returns BD_FINITE and stores X = (*NEGATIVE ?
 * -1 : 1) * *MANTISSA * 2^*EXPONENT with *MANTISSA odd (or 0 for
 * +-0.0, with *EXPONENT 0); returns BD_INFINITE or BD_NAN otherwise
 * (*NEGATIVE is set for infinities; the others are then 0).
 */
enum { BD_FINITE, BD_INFINITE, BD_NAN };
int bd_from_double(double x, uint64_t *mantissa, int *exponent, int *negative);

#endif
