#!/usr/bin/env python3
# tools/mathlib-tables.py - writes runtime/mathlib-tables.h.
#
# In:  nothing (Python's exact integers and its decimal module).
# Out: on standard output, the constants and tables runtime/mathlib.c
#      uses: pi and ln 2 split into parts, 2^(j/64), -log(c) for the
#      reciprocals c of the log table, atan(j/64), Taylor coefficients,
#      all as double-doubles (hi + lo, |lo| <= ulp(hi) / 2), and 1280
#      bits of 2/pi for the reduction of huge arguments.
#
# Why it exists: the tables must be exact to about 106 bits, more than
# C's own arithmetic gives; Python computes them here to 60 digits,
# once.  Run: tools/mathlib-tables.py > runtime/mathlib-tables.h
from decimal import Decimal as D, getcontext
from fractions import Fraction as F

getcontext().prec = 70

def machin_pi(bits):
    """pi * 2^bits as an integer, from Machin's formula, truncated."""
    guard = 40
    scale = 1 << (bits + guard)
    def atan_inv(n):
        total, term, k, n2 = 0, scale // n, 0, n * n
        while term:
            total += term // (2 * k + 1) if k % 2 == 0 else -(term // (2 * k + 1))
            term //= n2
            k += 1
        return total
    return (16 * atan_inv(5) - 4 * atan_inv(239)) >> guard

PI_BITS = 1500
PI_INT = machin_pi(PI_BITS)
PI = D(PI_INT) / D(2) ** PI_BITS

def hexf(x):
    return float(x).hex()

def dd(x):
    hi = float(x)
    lo = float(D(x) - D(hi))
    return hi, lo

def round_bits(x, bits):
    """X rounded to BITS significant bits, as a float."""
    f = F(x)
    e = 0
    while abs(f) >= 2:
        f /= 2
        e += 1
    while abs(f) < 1:
        f *= 2
        e -= 1
    m = round(f * 2 ** (bits - 1))
    return float(F(m, 2 ** (bits - 1)) * F(2) ** e)

def split3(x, bits1):
    p1 = round_bits(x, bits1)
    r = D(x) - D(p1)
    p2 = float(r)
    p3 = float(r - D(p2))
    return p1, p2, p3

def atan(x):
    x = D(x)
    halvings = 0
    while abs(x) > D("0.1"):
        x = x / (1 + (1 + x * x).sqrt())
        halvings += 1
    total, term, k, x2 = D(0), x, 0, x * x
    while abs(term) > D(10) ** -68:
        total += term / (2 * k + 1) * (1 if k % 2 == 0 else -1)
        term *= x2
        k += 1
    return total * 2 ** halvings

out = []
def emit(s=""):
    out.append(s)

def emit_dd_array(name, values, comment):
    emit("/* %s */" % comment)
    emit("static const struct dd %s[%d] = {" % (name, len(values)))
    for v in values:
        hi, lo = dd(v)
        emit("\t{ %s, %s }," % (hexf(hi), hexf(lo)))
    emit("};")
    emit()

emit("/*")
emit(" * runtime/mathlib-tables.h - constants for runtime/mathlib.c.")
emit(" *")
emit(" * In:  nothing.  Out: the tables below.  Why it exists: written by")
emit(" * tools/mathlib-tables.py (do not edit; run it again), which says how")
emit(" * each number was computed.  Included by mathlib.c only.")
emit(" */")
emit()
ln2 = D(2).ln()
emit("/* ln 2: LN2_HI has 42 bits, so e * LN2_HI is exact for |e| < 2^11. */")
p1, p2, p3 = split3(ln2, 42)
emit("#define LN2_HI %s\n#define LN2_MID %s\n#define LN2_LO %s" % (hexf(p1), hexf(p2), hexf(p3)))
emit("/* ln 2 / 64 in three parts, the first of 36 bits (k * it exact for |k| < 2^17). */")
p1, p2, p3 = split3(ln2 / 64, 36)
emit("#define LN2_64_HI %s\n#define LN2_64_MID %s\n#define LN2_64_LO %s" % (hexf(p1), hexf(p2), hexf(p3)))
emit("/* 64 / ln 2, to find k. */")
emit("#define INV_LN2_64 %s" % hexf(64 / ln2))
emit("/* pi / 2 in three parts, the first of 33 bits (k * it exact for |k| < 2^20). */")
p1, p2, p3 = split3(PI / 2, 33)
emit("#define PIO2_1 %s\n#define PIO2_2 %s\n#define PIO2_3 %s" % (hexf(p1), hexf(p2), hexf(p3)))
emit("#define TWO_OVER_PI %s" % hexf(2 / PI))
for name, v in (("PI", PI), ("PIO2", PI / 2), ("PIO4", PI / 4), ("PI3O4", 3 * PI / 4)):
    hi, lo = dd(v)
    emit("#define %s_HI %s\n#define %s_LO %s" % (name, hexf(hi), name, hexf(lo)))
emit()
emit_dd_array("exp2_table", [D(2) ** (D(j) / 64) for j in range(64)], "2^(j/64), j = 0 .. 63")
LOG_FIRST, LOG_LAST = 90, 182
cs = [128.0 / j for j in range(LOG_FIRST, LOG_LAST + 1)]
emit("/* The reciprocals c_j = 128 / j (rounded), j = %d .. %d, and -log(c_j). */" % (LOG_FIRST, LOG_LAST))
emit("#define LOG_FIRST %d\n#define LOG_LAST %d" % (LOG_FIRST, LOG_LAST))
emit("static const double log_recip[%d] = {" % len(cs))
for c in cs:
    emit("\t%s," % hexf(c))
emit("};")
emit()
emit_dd_array("log_table", [-D(c).ln() for c in cs], "-log(c_j), exactly for the double c_j")
emit_dd_array("atan_table", [atan(D(j) / 64) for j in range(65)], "atan(j/64), j = 0 .. 64")
fact = [1]
for n in range(1, 40):
    fact.append(fact[-1] * n)
emit_dd_array("inv_fact", [D(1) / D(fact[n]) for n in range(28)], "1/n!, n = 0 .. 27")
# 2/pi * 2^1280, as 40 32-bit digits, least significant first.
G_BITS = 1280
G = (1 << (G_BITS + 1 + PI_BITS)) // PI_INT
emit("/* floor(2/pi * 2^%d) in 32-bit digits, least significant first. */" % G_BITS)
emit("#define TWO_OVER_PI_BITS %d" % G_BITS)
digits = []
g = G
while g:
    digits.append(g & 0xffffffff)
    g >>= 32
emit("static const uint32_t two_over_pi[%d] = {" % len(digits))
for i in range(0, len(digits), 6):
    emit("\t" + " ".join("0x%08x," % d for d in digits[i:i + 6]))
emit("};")
print("\n".join(out))
