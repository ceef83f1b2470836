/* floloop.c -- the loop of floloop.zt in C, for comparison. */
#include <stdio.h>

int main(void)
{
	double x, s = 0.0;

	for (x = 1.0; x <= 1e7; x += 1.0)
		s += 1.0 / (x * x);
	printf("%.16g\n", s);
	return 0;
}
