/* startup.c -- benchmark: nothing but start-up and exit, the C reference
 * for bench/programs/startup.zt.  Prints 0. */
#include <stdio.h>

int main(void)
{
    printf("%d\n", 0);
    return 0;
}
