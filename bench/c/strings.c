/* strings.c -- benchmark: string building; the C reference for
 * bench/programs/strings.zt.  100 times: 10000 small strings, each the
 * concatenation of number-to-string results in fresh malloc'd buffers,
 * appended to a growing buffer (the string port); then a checksum walk
 * over the result.  Prints the total length and the last checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        perror("malloc");
        exit(70);
    }
    return p;
}

static char *number_to_string(long n)
{
    char tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%ld", n);
    char *s = xmalloc(len + 1);
    memcpy(s, tmp, len + 1);
    return s;
}

/* string-append of "<" a ":" b ">" */
static char *piece(long i)
{
    char *a = number_to_string(i), *b = number_to_string(i * 7);
    size_t la = strlen(a), lb = strlen(b);
    char *s = xmalloc(la + lb + 4);
    s[0] = '<';
    memcpy(s + 1, a, la);
    s[1 + la] = ':';
    memcpy(s + 2 + la, b, lb);
    s[2 + la + lb] = '>';
    s[3 + la + lb] = 0;
    free(a);
    free(b);
    return s;
}

struct port {
    char *buf;
    size_t len, cap;
};

static void port_write(struct port *p, const char *s)
{
    size_t n = strlen(s);
    if (p->len + n > p->cap) {
        p->cap = 2 * (p->len + n);
        p->buf = realloc(p->buf, p->cap);
        if (!p->buf) {
            perror("realloc");
            exit(70);
        }
    }
    memcpy(p->buf + p->len, s, n);
    p->len += n;
}

/* bench/run -DFIXNUM30 for the targets with 30-bit fixnums (i386, ARM):
 * the modulus of bench/programs/fix30/strings.zt, which keeps 31 h + c
 * below 2^29. */
#ifdef FIXNUM30
#define CHECKSUM_MODULUS 16777213
#else
#define CHECKSUM_MODULUS 1000000007
#endif

static long checksum(const char *s, size_t n)
{
    long h = 0;
    for (size_t i = 0; i < n; i++)
        h = (h * 31 + (unsigned char)s[i]) % CHECKSUM_MODULUS;
    return h;
}

int main(void)
{
    long total = 0, last = 0;
    for (int k = 0; k < 100; k++) {
        struct port p = {NULL, 0, 0};
        for (long i = 0; i < 10000; i++) {
            char *s = piece(i);
            port_write(&p, s);
            free(s);
        }
        /* get-output-string: a fresh copy of the port's contents */
        char *out = xmalloc(p.len + 1);
        memcpy(out, p.buf, p.len);
        out[p.len] = 0;
        total += (long)p.len;
        last = checksum(out, p.len);
        free(out);
        free(p.buf);
    }
    printf("%ld %ld\n", total, last);
    return 0;
}
