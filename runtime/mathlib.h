/*
 * runtime/mathlib.h - the floating-point functions of (scheme inexact).
 *
 * In:  doubles.
 * Out: square root (correctly rounded), exp, log, sin, cos, tan, asin,
 *      acos, atan, atan2 and pow, within 1 ulp of the true value and
 *      nearly always correctly rounded; floor, ceiling, truncate and
 *      round (half to even), exact.
 *
 * Why it exists: the guest kernel has no libm, and Zoot must give the
 * same bits on every target.  Written in plain C double arithmetic with
 * no library calls: each operation is an IEEE basic operation, exact
 * to the bit on every target as long as the compiler neither keeps
 * extended precision (i386: -msse2 -mfpmath=sse) nor fuses multiplies
 * and adds (-ffp-contract=off everywhere); ARM's soft-float routines
 * are IEEE-exact.
 *
 * Special cases follow C99 Annex F (IEEE 754): NaN in, NaN out (except
 * pow(x, 0) = 1 and pow(1, y) = 1); log of a negative number is NaN,
 * log(0) = -inf; sqrt(-0.0) = -0.0, sqrt of a negative number is NaN;
 * exp overflows to +inf and underflows to 0; sin/cos/tan of +-inf are
 * NaN; asin/acos outside [-1, 1] are NaN; atan2 takes the signs of both
 * arguments and of zeros into account as C99 says (atan2(+-0, -0) =
 * +-pi, atan2(+-0, +0) = +-0, atan2(y, +-inf), ...); zeros keep their
 * sign where C99 says (sin(-0.0) = -0.0, floor(-0.5) = -0.0, ...).
 */
#ifndef ZOOT_MATHLIB_H
#define ZOOT_MATHLIB_H

double zm_sqrt(double x);
/* The same by exact integer arithmetic (what zm_sqrt is on ARM). */
double zm_sqrt_digits(double x);
double zm_exp(double x);
double zm_log(double x);
/* log(x 2^e), for the logarithm of exact numbers beyond the range of
 * doubles (a bignum or ratio as its leading bits x and a power of 2);
 * the same special cases as zm_log for x.  |e| < 2^53. */
double zm_log_scaled(double x, long e);
double zm_sin(double x);
double zm_cos(double x);
double zm_tan(double x);
double zm_asin(double x);
double zm_acos(double x);
double zm_atan(double x);
double zm_atan2(double y, double x);
double zm_pow(double x, double y);
double zm_sinh(double x);
double zm_cosh(double x);
double zm_hypot(double x, double y);

double zm_floor(double x);
double zm_ceil(double x);
double zm_trunc(double x);
double zm_round(double x);	/* to the nearest integer, ties to even */

#endif
