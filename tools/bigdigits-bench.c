/*
 * tools/bigdigits-bench.c - timings of runtime/bigdigits.c.
 *
 * In:  nothing (build: gcc -O2 -Iruntime tools/bigdigits-bench.c
 *      runtime/bigdigits.c -o build/bigdigits-bench; add
 *      -DBD_KARATSUBA_THRESHOLD=N to try another threshold).
 * Out: on standard output, the time of products of N-digit numbers
 *      (schoolbook and Karatsuba), of 10,000 digits of pi by Machin's
 *      formula in fixed point (the divisions by small numbers a bignum
 *      program does), of the decimal text of a 33,000-bit number and of
 *      the gcd and square root of 10,000-decimal-digit numbers;
 *      and pi's first and last digits, to see that it computed.
 *
 * Why it exists: bigdigits.c's threshold and its claims of speed are
 * measured with this; it is not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bigdigits.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t seed = 12345;

static bd_digit rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (bd_digit)seed;
}

static void time_mul(size_t n)
{
	bd_digit *a = malloc(n * 4), *b = malloc(n * 4), *r = malloc(2 * n * 4);
	bd_digit *s = malloc((bd_mul_scratch(n, n) + 1) * 4);
	size_t i;
	int reps = 0;
	double t0 = now(), t;

	for (i = 0; i < n; i++)
		a[i] = rnd(), b[i] = rnd();
	do {
		bd_mul(r, a, n, b, n, s);
		reps++;
		t = now() - t0;
	} while (t < 0.3);
	printf("multiply %6zu x %6zu digits (%7zu decimal): %12.2f us\n", n, n,
	       (size_t)((double)n * 9.633), t / reps * 1e6);
	free(a), free(b), free(r), free(s);
}

static void time_square(size_t n)
{
	bd_digit *a = malloc(n * 4), *r = malloc(2 * n * 4);
	bd_digit *s = malloc((bd_mul_scratch(n, n) + 1) * 4);
	size_t i;
	int reps = 0;
	double t0 = now(), t;

	for (i = 0; i < n; i++)
		a[i] = rnd();
	do {
		bd_square(r, a, n, s);
		reps++;
		t = now() - t0;
	} while (t < 0.3);
	printf("square   %6zu digits: %12.2f us\n", n, t / reps * 1e6);
	free(a), free(r), free(s);
}

/* SUM += or -= (TERM / D) for the terms of atan(1/X) = sum of
 * (-1)^k / ((2k+1) X^(2k+1)), in fixed point of N digits. */
static size_t atan_inv(bd_digit *sum, bd_digit *term, bd_digit *t,
		       const bd_digit *unity, size_t n, bd_digit x)
{
	size_t sn = 0, tn, qn;
	bd_digit rem, k = 0;

	memcpy(term, unity, n * 4);
	tn = bd_div_digit(term, term, n, x, &rem);
	while (tn > 0) {
		qn = bd_div_digit(t, term, tn, 2 * k + 1, &rem);
		if (k % 2 == 0)
			sn = bd_add(sum, sum, sn, t, qn);
		else
			sn = bd_sub(sum, sum, sn, t, qn);
		tn = bd_div_digit(term, term, tn, x * x, &rem);
		k++;
	}
	return sn;
}

static void time_pi(int digits)
{
	size_t n = (size_t)(digits + 20) * 10 / 96 + 4, un, an, bn, pn;
	bd_digit *unity = calloc(n + 1, 4), *a = calloc(n + 2, 4), *b = calloc(n + 2, 4);
	bd_digit *term = calloc(n + 1, 4), *t = calloc(n + 1, 4), *s = calloc(n + 2, 4);
	char *text = malloc(bd_text_size(n + 2, 10));
	double t0 = now(), t1;
	int i;
	bd_digit rem;

	/* unity = 10^(digits + 10) */
	un = bd_from_u64(unity, 1);
	for (i = 0; i + 9 <= digits + 10; i += 9)
		un = bd_mul_digit_add(unity, unity, un, 1000000000u, 0);
	for (; i < digits + 10; i++)
		un = bd_mul_digit_add(unity, unity, un, 10, 0);
	an = atan_inv(a, term, t, unity, un, 5);
	bn = atan_inv(b, term, t, unity, un, 239);
	/* pi = 16 atan(1/5) - 4 atan(1/239), then drop the 10 guard digits */
	an = bd_mul_digit_add(a, a, an, 16, 0);
	bn = bd_mul_digit_add(b, b, bn, 4, 0);
	pn = bd_sub(a, a, an, b, bn);
	pn = bd_div_digit(a, a, pn, 1000000000u, &rem);
	pn = bd_div_digit(a, a, pn, 10, &rem);
	t1 = now();
	bd_to_text(text, a, pn, 10, s);
	printf("pi to %d digits by Machin: %.3f s, then its text %.3f s: %.12s...%s\n",
	       digits, t1 - t0, now() - t1, text, text + strlen(text) - 10);
	free(unity), free(a), free(b), free(term), free(t), free(s), free(text);
}

static void time_text(size_t bits)
{
	size_t n = (bits + 31) / 32, i, len = 0;
	bd_digit *a = malloc(n * 4), *s = malloc(n * 4);
	char *text = malloc(bd_text_size(n, 10));
	int reps = 0;
	double t0 = now(), t;

	for (i = 0; i < n; i++)
		a[i] = rnd();
	do {
		len = bd_to_text(text, a, n, 10, s);
		reps++;
		t = now() - t0;
	} while (t < 0.3);
	printf("decimal text of a %zu-bit number (%zu digits): %.3f ms\n", bits, len,
	       t / reps * 1e3);
	t0 = now();
	reps = 0;
	do {
		bd_from_text(a, text, len, 10);
		reps++;
		t = now() - t0;
	} while (t < 0.3);
	printf("and back from the text: %.3f ms\n", t / reps * 1e3);
	free(a), free(s), free(text);
}

/* gcd and integer square root of N-digit numbers. */
static void time_gcd_isqrt(size_t n)
{
	bd_digit *a = malloc(n * 4), *b = malloc(n * 4), *g = malloc(n * 4);
	bd_digit *s = malloc(bd_gcd_scratch(n, n) * 4 + bd_isqrt_scratch(n) * 4);
	bd_digit *r = malloc((n + 1) * 4);
	size_t i, sn, rn;
	double t0;

	for (i = 0; i < n; i++)
		a[i] = rnd(), b[i] = rnd();
	t0 = now();
	bd_gcd(g, a, n, b, n, s);
	printf("gcd of two %zu-digit numbers: %.3f ms\n", n, (now() - t0) * 1e3);
	t0 = now();
	bd_isqrt(g, &sn, r, &rn, a, n, s);
	printf("integer square root of a %zu-digit number: %.3f ms\n", n, (now() - t0) * 1e3);
	free(a), free(b), free(g), free(s), free(r);
}

int main(void)
{
	static const size_t sizes[] = { 16, 32, 64, 128, 1039, 10382, 100000 };
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		time_mul(sizes[i]);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		time_square(sizes[i]);
	time_pi(10000);
	time_text(33000);
	time_gcd_isqrt(1039);
	return 0;
}
