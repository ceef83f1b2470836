/*
 * runtime/flotext.h - doubles to and from decimal text.
 *
 * In:  doubles; decimal text (Zoot's reader has already split it into
 *      sign, significand digits and exponent, or hands over the whole
 *      "[sign]digits[.digits][e[sign]digits]").
 * Out: the shortest decimal that reads back to the same double, in the
 *      format Zoot (like Chez Scheme) prints flonums; the correctly
 *      rounded double nearest to a decimal, for any number of digits
 *      and any exponent.
 *
 * Why it exists: LANGUAGE.md promises the same text for a flonum on
 * every target and in the guest, where there is no printf or strtod
 * for doubles.  Everything is exact integer arithmetic (bigdigits.c) or
 * exact IEEE operations, so every target gives the same bits.  Nothing
 * here allocates: the work buffers are on the C stack (a few KB).
 *
 * The printed format (Chez Scheme's, checked against Chez 9.5): with the
 * shortest digits d1 d2 ... dn and the value d1.d2...dn * 10^x,
 *   - positional when -3 <= x <= 9: "123.0", "0.001", "1234567890.5",
 *     always with a '.' and at least one digit on each side of it;
 *   - otherwise scientific: "1e21", "1.5e300", "1e-4", "1.2345e-7"
 *     (no ".0" when there is one digit; the exponent has no '+' and no
 *     leading zeros);
 *   - "-" in front of negative numbers, "-0.0" for minus zero,
 *     "+inf.0", "-inf.0", "+nan.0" (every NaN).
 * Chez prints subnormals with a precision suffix ("5e-324|1"); Zoot
 * does not (R7RS has no such syntax): "5e-324".
 */
#ifndef ZOOT_FLOTEXT_H
#define ZOOT_FLOTEXT_H

#include <stddef.h>

/* Enough for any double in flo_format, with its NUL ("-1.2345678901234567e-308"). */
#define FLO_TEXT_SIZE 32

/*
 * The shortest digits of finite X != 0 (its sign ignored): writes 1 to
 * 17 ASCII digits (no leading or trailing zero) and a NUL to DIGITS
 * (at least 18 chars), sets *X10 so that |X| reads back from
 * 0.d1d2...dn * 10^*X10, and returns n.  When several digit strings of
 * the shortest length read back to X, the one closest to X is chosen
 * (as Steele & White, Burger & Dybvig, and Chez).
 * Returns 0 (DIGITS "") for zeros, infinities and NaNs.
 */
int flo_shortest(double x, char *digits, int *x10);

/* X as Zoot prints it (the format above) into BUF, FLO_TEXT_SIZE chars
 * with the NUL; returns the length. */
size_t flo_format(char *buf, double x);

/*
 * The double nearest to +-0.DIGITS * 10^X10 (negated when NEGATIVE):
 * DIGITS are N ASCII '0'-'9' (any number, leading and trailing zeros
 * allowed, no dot), correctly rounded with ties to even, subnormals
 * included; +-infinity when too large, +-0.0 when too small.  Any X10
 * is fine (LONG_MIN and LONG_MAX included): the result is found in
 * time linear in N, whatever the exponent.  Returns 0 and sets *OUT,
 * or returns -1 if a char of DIGITS is not a decimal digit.
 */
int flo_from_digits(const char *digits, size_t n, long x10, int negative,
		    double *out);

/*
 * The same from text: "[+-]digits[.digits][(e|E)[+-]digits]" with at
 * least one significand digit ("1.", ".5", "1e10", "-2.5E-3"), LEN
 * chars of S.  Returns 0 and sets *OUT, or -1 if S is not in that
 * syntax (no "inf"/"nan" here: those are Scheme's +inf.0 and friends,
 * which the reader handles).
 */
int flo_parse(const char *s, size_t len, double *out);

#endif
