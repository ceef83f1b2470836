/*
 * test/ffi/clib.c - a small C library the FFI test links with.
 *
 * In:  calls from test/ffi/ffi.zt through (zoot ffi).
 * Out: functions whose arguments fill every argument register and
 *      spill onto the stack, mix 8-, 16-, 32- and 64-bit integers with
 *      floats and doubles (the ARM EABI's register pairs and 8-byte
 *      stack alignment), return each width (sign and zero extension),
 *      take callbacks (nested, many times) and fill caller's buffers.
 *
 * Why it exists: libc alone does not reach those corners of the three
 * calling conventions runtime/ffi.c lays out.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int64_t sum_ints(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)
{
	return (int64_t)a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}

double sum_doubles(double a, double b, double c, double d, double e, double f,
		   double g, double h, double i, double j)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}

/* Every kind of argument, interleaved so that 64-bit values land on
 * odd register numbers and odd stack words unless aligned. */
double mixed(int8_t a, double b, int64_t c, float d, uint16_t e, int32_t f, double g, int64_t h)
{
	return a + b + (double)c + d + e + f + g + (double)h;
}

int64_t after_pair(int32_t a, int64_t b, int32_t c, int64_t d, int32_t e)
{
	return a * 10000 + b * 1000 + c * 100 + d * 10 + e;
}

uint64_t big_u64(void)
{
	return 0xfedcba9876543210ull;
}

int64_t neg_i64(int64_t x)
{
	return -x;
}

int8_t wrap8(int x)
{
	return (int8_t)x;
}

uint8_t low8(uint32_t x)
{
	return (uint8_t)x;
}

int16_t wrap16(int x)
{
	return (int16_t)x;
}

uint32_t big_u32(void)
{
	return 0xfffffffeu;
}

float halve(float x)
{
	return x / 2;
}

const char *greet(const char *name)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "hello, %s", name ? name : "nobody");
	return buf;
}

void fill(uint8_t *buf, size_t n, int v)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(v + i);
}

int apply2(int (*f)(int, int), int a, int b)
{
	return f(a, b);
}

int fold(int (*f)(int, int), const int32_t *xs, size_t n, int init)
{
	for (size_t i = 0; i < n; i++)
		init = f(init, xs[i]);
	return init;
}

/* Sum of the bytes of BUF after the callback ran (it may write BUF
 * through its pointer argument). */
int with_buffer(uint8_t *buf, size_t n, void (*f)(uint8_t *, size_t))
{
	int s = 0;

	f(buf, n);
	for (size_t i = 0; i < n; i++)
		s += buf[i];
	return s;
}

struct point {
	int32_t x;
	double y;
};

void point_set(struct point *p, int32_t x, double y)
{
	p->x = x;
	p->y = y;
}

double point_sum(const struct point *p)
{
	return p->x + p->y;
}

size_t point_size(void)
{
	return sizeof(struct point);
}

size_t point_y_offset(void)
{
	return offsetof(struct point, y);
}
