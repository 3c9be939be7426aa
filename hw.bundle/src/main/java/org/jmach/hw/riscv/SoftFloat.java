package org.jmach.hw.riscv;

import java.math.BigInteger;

/**
 * IEEE 754 binary32 and binary64 arithmetic as RISC-V's F and D define it,
 * on bit patterns (a single in the low 32 bits of a long), in any of the five
 * rounding modes, accruing the exception flags in {@link #flags}.
 *
 * <p>Operands and results comfortably inside the normal range take a fast
 * path: Java's arithmetic gives the nearest-even result and an error-free
 * transformation (TwoSum, or a remainder by Math.fma) says exactly how far,
 * and on which side, the exact value lies, which decides NX and the other
 * modes; for fma, the exact sign of x*y + z - r comes from a nonoverlapping
 * expansion. Everything else is computed exactly (as an integer significand
 * and a power of two; a quotient or square root with enough extra bits and a
 * sticky bit) and then rounded once by {@link #round}, raising NX, UF (tiny
 * after rounding and inexact, as RISC-V detects tininess) and OF. A NaN
 * result is always the canonical NaN.
 */
final class SoftFloat {

    static final int NX = 1;
    static final int UF = 2;
    static final int OF = 4;
    static final int DZ = 8;
    static final int NV = 16;

    static final int RNE = 0;
    static final int RTZ = 1;
    static final int RDN = 2;
    static final int RUP = 3;
    static final int RMM = 4;

    /** The formats, as the fmt field encodes them. */
    static final int S = 0;
    static final int D = 1;

    /** The accrued exception flags (fflags). */
    int flags;

    /** Whether the fast paths are taken (tests turn them off to compare with the exact way). */
    boolean fastPaths = true;

    /** Set by {@link #roundShift}: whether the bits shifted out were not all zero. */
    private boolean inexact;

    // ---- formats ----

    private static int fracBits(int fmt) {
        return fmt == S ? 23 : 52;
    }

    private static int bias(int fmt) {
        return fmt == S ? 127 : 1023;
    }

    private static int expField(long bits, int fmt) {
        return fmt == S ? (int) (bits >>> 23) & 0xff : (int) (bits >>> 52) & 0x7ff;
    }

    private static long frac(long bits, int fmt) {
        return bits & ((1L << fracBits(fmt)) - 1);
    }

    static long signBit(int fmt) {
        return fmt == S ? 1L << 31 : 1L << 63;
    }

    private static boolean negative(long bits, int fmt) {
        return (bits & signBit(fmt)) != 0;
    }

    private static long inf(int fmt) {
        return fmt == S ? 0x7f800000L : 0x7ff0000000000000L;
    }

    private static long maxFinite(int fmt) {
        return fmt == S ? 0x7f7fffffL : 0x7fefffffffffffffL;
    }

    static long canonicalNaN(int fmt) {
        return fmt == S ? 0x7fc00000L : 0x7ff8000000000000L;
    }

    private static boolean isMaxExp(long bits, int fmt) {
        return expField(bits, fmt) == (fmt == S ? 0xff : 0x7ff);
    }

    static boolean isNaN(long bits, int fmt) {
        return isMaxExp(bits, fmt) && frac(bits, fmt) != 0;
    }

    static boolean isSignaling(long bits, int fmt) {
        return isNaN(bits, fmt) && (bits & (1L << (fracBits(fmt) - 1))) == 0;
    }

    private static boolean isInf(long bits, int fmt) {
        return isMaxExp(bits, fmt) && frac(bits, fmt) == 0;
    }

    private static boolean isZero(long bits, int fmt) {
        return (bits & (signBit(fmt) - 1)) == 0;
    }

    /** The integer significand of a finite non-zero value. */
    private static BigInteger mant(long bits, int fmt) {
        long m = frac(bits, fmt);
        return BigInteger.valueOf(expField(bits, fmt) == 0 ? m : m | 1L << fracBits(fmt));
    }

    /** The power of two of the significand's last bit, for a finite non-zero value. */
    private static int exp2(long bits, int fmt) {
        return Math.max(expField(bits, fmt), 1) - bias(fmt) - fracBits(fmt);
    }

    private static double value(long bits, int fmt) {
        return fmt == S ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    // ---- rounding ----

    /**
     * {@code mag >> sh} rounded by {@code rm} for a value of sign {@code neg};
     * {@code sticky} says that the exact value lies a little above {@code mag}
     * (callers give it only with at least two bits to shift out). Sets
     * {@link #inexact}.
     */
    private BigInteger roundShift(BigInteger mag, int sh, boolean sticky, boolean neg, int rm) {
        if (sh <= 0) {
            inexact = false;
            return mag.shiftLeft(-sh);
        }
        BigInteger kept = mag.shiftRight(sh);
        boolean half = mag.testBit(sh - 1);
        boolean below = sticky || mag.getLowestSetBit() < sh - 1;
        inexact = half || below;
        boolean up;
        switch (rm) {
            case RNE: up = half && (below || kept.testBit(0)); break;
            case RTZ: up = false; break;
            case RDN: up = inexact && neg; break;
            case RUP: up = inexact && !neg; break;
            default: up = half; break;
        }
        return up ? kept.add(BigInteger.ONE) : kept;
    }

    private static boolean overflowsToInfinity(int rm, boolean neg) {
        return rm == RNE || rm == RMM || (rm == RDN && neg) || (rm == RUP && !neg);
    }

    /**
     * The format's value nearest, by {@code rm}, to (-1)^neg * mag * 2^exp
     * (a little more if {@code sticky}); mag &gt; 0. Raises NX, UF, OF.
     */
    long round(boolean neg, BigInteger mag, int exp, boolean sticky, int fmt, int rm) {
        int fracBits = fracBits(fmt);
        int p = fracBits + 1;
        int emin = 1 - bias(fmt);
        int emax = bias(fmt);
        long sign = neg ? signBit(fmt) : 0;
        int bl = mag.bitLength();
        int e = exp + bl - 1;
        // Rounded to p bits with an unbounded exponent: decides overflow and tininess.
        BigInteger r = roundShift(mag, bl - p, sticky, neg, rm);
        if (r.bitLength() > p) {
            r = r.shiftRight(1);
            e++;
        }
        if (e >= emin) {
            if (e > emax) {
                flags |= OF | NX;
                return sign | (overflowsToInfinity(rm, neg) ? inf(fmt) : maxFinite(fmt));
            }
            if (inexact) {
                flags |= NX;
            }
            return sign | (long) (e + bias(fmt)) << fracBits | (r.longValue() & ((1L << fracBits) - 1));
        }
        // Tiny: round to the subnormal grid (a carry into the hidden bit gives the smallest normal, as encoded).
        BigInteger s = roundShift(mag, emin - fracBits - exp, sticky, neg, rm);
        if (inexact) {
            flags |= UF | NX;
        }
        return sign | s.longValue();
    }

    private long invalid(int fmt) {
        flags |= NV;
        return canonicalNaN(fmt);
    }

    private long propagateNaN(long a, long b, int fmt) {
        if (isSignaling(a, fmt) || isSignaling(b, fmt)) {
            flags |= NV;
        }
        return canonicalNaN(fmt);
    }

    private static long signedZero(boolean neg, int fmt) {
        return neg ? signBit(fmt) : 0;
    }

    /** Exact sum of two finite non-zero signed values, rounded; an exact zero is +0 (-0 in RDN). */
    private long sum(boolean na, BigInteger ma, int ea, boolean nb, BigInteger mb, int eb, int fmt, int rm) {
        int e = Math.min(ea, eb);
        BigInteger a = ma.shiftLeft(ea - e);
        BigInteger b = mb.shiftLeft(eb - e);
        BigInteger s = (na ? a.negate() : a).add(nb ? b.negate() : b);
        if (s.signum() == 0) {
            return signedZero(rm == RDN, fmt);
        }
        return round(s.signum() < 0, s.abs(), e, false, fmt, rm);
    }

    // ---- fast path: Java's arithmetic and an exact error term ----

    /** What a fast path returns when it cannot decide: never a result it gives (those are finite and normal). */
    private static final long SLOW = -1;

    /**
     * Whether the fast path may take {@code v}: far enough from underflow that
     * the error terms below are exact, and from overflow that a directed
     * rounding stays finite. Zeros, NaNs and infinities go the exact way.
     */
    private static boolean tame(double v, int fmt) {
        double m = Math.abs(v);
        return fmt == S ? m >= 0x1p-100 && m <= 0x1p100 : m >= 0x1p-900 && m <= 0x1p900;
    }

    private static double next(double v, int fmt, boolean up) {
        if (fmt == S) {
            return up ? Math.nextUp((float) v) : Math.nextDown((float) v);
        }
        return up ? Math.nextUp(v) : Math.nextDown(v);
    }

    private static double ulp(double r, int fmt) {
        return fmt == S ? Math.ulp((float) r) : Math.ulp(r);
    }

    /**
     * The result in {@code rm} from {@code r}, the nearest-even result, given
     * the sign of (exact - r) and whether the exact value lies halfway between
     * r and its neighbour. Raises NX if inexact.
     */
    private long finish(double r, int sign, boolean tie, int rm, int fmt) {
        if (!tame(r, fmt)) {
            return SLOW;
        }
        if (sign != 0) {
            flags |= NX;
            boolean up = sign > 0;
            boolean move;
            switch (rm) {
                case RTZ: move = up != r > 0; break;
                case RDN: move = !up; break;
                case RUP: move = up; break;
                case RMM: move = tie && up == r > 0; break; // nearest-even went toward zero: go away
                default: move = false; break;
            }
            if (move) {
                r = next(r, fmt, up);
            }
        }
        return fmt == S ? Float.floatToRawIntBits((float) r) & 0xffffffffL : Double.doubleToRawLongBits(r);
    }

    /** {@link #finish} from the exact error {@code err} = exact - r. */
    private long finishError(double r, double err, int rm, int fmt) {
        return finish(r, (int) Math.signum(err), Math.abs(err) == ulp(r, fmt) / 2, rm, fmt);
    }

    /** Rounds {@code p}, a single-precision operation's exact result held in a double, to single. */
    private long finishSingle(double p, int rm) {
        float r = (float) p;
        return finishError(r, p - r, rm, S);
    }

    private static final int OP_ADD = 0;
    private static final int OP_MUL = 2;
    private static final int OP_DIV = 3;
    private static final int OP_SQRT = 11;

    /**
     * The result of {@code op} (one of OP_*; sqrt has b = a) if it is quickly
     * had: by the fast path, or the canonical NaN for a NaN operand; else
     * {@link #SLOW}.
     */
    private long quick(int op, long a, long b, int fmt, int rm) {
        long r = fast(op, a, b, fmt, rm);
        if (r == SLOW && (isNaN(a, fmt) || isNaN(b, fmt))) {
            return propagateNaN(a, b, fmt);
        }
        return r;
    }

    private long fast(int op, long a, long b, int fmt, int rm) {
        double x = value(a, fmt);
        double y = value(b, fmt);
        if (!fastPaths || !tame(x, fmt) || !tame(y, fmt)) {
            return SLOW;
        }
        switch (op) {
            case OP_ADD: return fastAdd(x, y, fmt, rm);
            case OP_MUL: return fastMul(x, y, fmt, rm);
            case OP_DIV: return fastDiv(x, y, fmt, rm);
            default: return x > 0 ? fastSqrt(x, fmt, rm) : SLOW;
        }
    }

    /** The rounding error of s = a + b (TwoSum): a + b - s, exactly. */
    private static double sumError(double a, double b, double s) {
        double bp = s - a;
        return (a - (s - bp)) + (b - bp);
    }

    private long fastAdd(double x, double y, int fmt, int rm) {
        double r = x + y;
        double err = sumError(x, y, r);
        if (fmt == D) {
            return finishError(r, err, rm, D);
        }
        return err == 0 ? finishSingle(r, rm) : SLOW;
    }

    private long fastMul(double x, double y, int fmt, int rm) {
        double r = x * y;
        return fmt == D ? finishError(r, Math.fma(x, y, -r), rm, D) : finishSingle(r, rm); // floats' product is exact
    }

    /** Quotients and square roots never fall halfway between two numbers of the format. */
    private long fastDiv(double x, double y, int fmt, int rm) {
        double r = fmt == S ? (float) (x / y) : x / y; // via double: correctly rounded for single too
        double remainder = Math.fma(-r, y, x);         // exact: x - r * y
        return finish(r, (int) (Math.signum(remainder) * Math.signum(y)), false, rm, fmt);
    }

    private long fastSqrt(double x, int fmt, int rm) {
        double r = fmt == S ? (float) Math.sqrt(x) : Math.sqrt(x);
        return finish(r, (int) Math.signum(Math.fma(-r, r, x)), false, rm, fmt);
    }

    /**
     * The sign of a + b + c + d + e, exactly: Shewchuk's Grow-Expansion adds
     * them one by one into a nonoverlapping expansion (TwoSum, no underflow
     * or overflow for the magnitudes the fast paths let through), whose
     * largest non-zero component has the sign of the sum.
     */
    private static int exactSign(double a, double b, double c, double d, double e) {
        double[] x = {a, 0, 0, 0, 0};
        int n = 1;
        for (double v : new double[] {b, c, d, e}) {
            double q = v;
            for (int i = 0; i < n; i++) {
                double s = q + x[i];
                double h = sumError(q, x[i], s);
                x[i] = h;
                q = s;
            }
            x[n++] = q;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (x[i] != 0) {
                return x[i] > 0 ? 1 : -1;
            }
        }
        return 0;
    }

    /**
     * fma's fast path, for operands whose product and error are far from
     * underflow and overflow: Math.fma's nearest-even result, and the sign of
     * x*y + z - r from the exact parts of the product (x*y = p + pe).
     */
    private long fastFma(long a, long b, long c, boolean negProduct, boolean negAddend, int fmt, int rm) {
        double x = value(a, fmt);
        double y = value(b, fmt);
        double z = value(c, fmt);
        double bound = fmt == S ? 0x1p50 : 0x1p400;
        if (!fastPaths || !tame(z, fmt) || !(Math.abs(x) <= bound && Math.abs(x) >= 1 / bound)
                || !(Math.abs(y) <= bound && Math.abs(y) >= 1 / bound)) {
            return SLOW;
        }
        x = negProduct ? -x : x;
        z = negAddend ? -z : z;
        double r = fmt == S ? Math.fma((float) x, (float) y, (float) z) : Math.fma(x, y, z);
        double p = x * y;
        double pe = Math.fma(x, y, -p);
        int sign = exactSign(p, pe, z, -r, 0);
        boolean tie = rm == RMM && sign != 0 && exactSign(p, pe, z, -r, -sign * ulp(r, fmt) / 2) == 0;
        return finish(r, sign, tie, rm, fmt);
    }

    // ---- arithmetic ----

    long add(long a, long b, int fmt, int rm) {
        long quick = quick(OP_ADD, a, b, fmt, rm);
        if (quick != SLOW) {
            return quick;
        }
        boolean na = negative(a, fmt);
        boolean nb = negative(b, fmt);
        if (isInf(a, fmt) || isInf(b, fmt)) {
            if (isInf(a, fmt) && isInf(b, fmt) && na != nb) {
                return invalid(fmt);
            }
            return isInf(a, fmt) ? a : b;
        }
        if (isZero(a, fmt) && isZero(b, fmt)) {
            return na == nb ? a : signedZero(rm == RDN, fmt);
        }
        if (isZero(b, fmt)) {
            return a;
        }
        if (isZero(a, fmt)) {
            return b;
        }
        return sum(na, mant(a, fmt), exp2(a, fmt), nb, mant(b, fmt), exp2(b, fmt), fmt, rm);
    }

    long mul(long a, long b, int fmt, int rm) {
        long quick = quick(OP_MUL, a, b, fmt, rm);
        if (quick != SLOW) {
            return quick;
        }
        boolean neg = negative(a, fmt) != negative(b, fmt);
        if (isInf(a, fmt) || isInf(b, fmt)) {
            if (isZero(a, fmt) || isZero(b, fmt)) {
                return invalid(fmt);
            }
            return signedZero(neg, fmt) | inf(fmt);
        }
        if (isZero(a, fmt) || isZero(b, fmt)) {
            return signedZero(neg, fmt);
        }
        return round(neg, mant(a, fmt).multiply(mant(b, fmt)), exp2(a, fmt) + exp2(b, fmt), false, fmt, rm);
    }

    long div(long a, long b, int fmt, int rm) {
        long quick = quick(OP_DIV, a, b, fmt, rm);
        if (quick != SLOW) {
            return quick;
        }
        boolean neg = negative(a, fmt) != negative(b, fmt);
        if (isInf(a, fmt)) {
            return isInf(b, fmt) ? invalid(fmt) : signedZero(neg, fmt) | inf(fmt);
        }
        if (isInf(b, fmt)) {
            return signedZero(neg, fmt);
        }
        if (isZero(b, fmt)) {
            if (isZero(a, fmt)) {
                return invalid(fmt);
            }
            flags |= DZ;
            return signedZero(neg, fmt) | inf(fmt);
        }
        if (isZero(a, fmt)) {
            return signedZero(neg, fmt);
        }
        BigInteger ma = mant(a, fmt);
        BigInteger mb = mant(b, fmt);
        int k = Math.max(0, fracBits(fmt) + 4 + mb.bitLength() - ma.bitLength());
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return round(neg, qr[0], exp2(a, fmt) - exp2(b, fmt) - k, qr[1].signum() != 0, fmt, rm);
    }

    long sqrt(long a, int fmt, int rm) {
        long quick = quick(OP_SQRT, a, a, fmt, rm);
        if (quick != SLOW) {
            return quick;
        }
        if (isZero(a, fmt)) {
            return a;
        }
        if (negative(a, fmt)) {
            return invalid(fmt);
        }
        if (isInf(a, fmt)) {
            return a;
        }
        BigInteger m = mant(a, fmt);
        int e = exp2(a, fmt);
        int j = Math.max(0, 2 * (fracBits(fmt) + 3) - m.bitLength());
        if (((e - j) & 1) != 0) {
            j++;
        }
        BigInteger t = m.shiftLeft(j);
        BigInteger s = t.sqrt();
        return round(false, s, (e - j) / 2, !s.multiply(s).equals(t), fmt, rm);
    }

    /** (-1)^negProduct * a * b + (-1)^negAddend * c with one rounding. */
    long fma(long a, long b, long c, boolean negProduct, boolean negAddend, int fmt, int rm) {
        long fast = fastFma(a, b, c, negProduct, negAddend, fmt, rm);
        if (fast != SLOW) {
            return fast;
        }
        boolean invalidProduct = (isInf(a, fmt) && isZero(b, fmt)) || (isZero(a, fmt) && isInf(b, fmt));
        if (isNaN(a, fmt) || isNaN(b, fmt) || isNaN(c, fmt)) {
            if (invalidProduct || isSignaling(c, fmt)) {
                flags |= NV;
            }
            return propagateNaN(a, b, fmt);
        }
        if (invalidProduct) {
            return invalid(fmt);
        }
        boolean np = negative(a, fmt) != negative(b, fmt) != negProduct;
        boolean nc = negative(c, fmt) != negAddend;
        if (isInf(a, fmt) || isInf(b, fmt)) {
            return isInf(c, fmt) && nc != np ? invalid(fmt) : signedZero(np, fmt) | inf(fmt);
        }
        if (isInf(c, fmt)) {
            return signedZero(nc, fmt) | inf(fmt);
        }
        boolean productZero = isZero(a, fmt) || isZero(b, fmt);
        if (productZero && isZero(c, fmt)) {
            return signedZero(np == nc ? np : rm == RDN, fmt);
        }
        long cMagnitude = c & (signBit(fmt) - 1);
        if (productZero) {
            return signedZero(nc, fmt) | cMagnitude;
        }
        BigInteger product = mant(a, fmt).multiply(mant(b, fmt));
        int ep = exp2(a, fmt) + exp2(b, fmt);
        if (isZero(c, fmt)) {
            return round(np, product, ep, false, fmt, rm);
        }
        return sum(np, product, ep, nc, mant(c, fmt), exp2(c, fmt), fmt, rm);
    }

    // ---- comparisons, min/max, class ----

    /** feq (quiet), flt and fle (signalling): 1 or 0. */
    long compare(long a, long b, int fmt, int f3) {
        if (isNaN(a, fmt) || isNaN(b, fmt)) {
            if (f3 != 2 || isSignaling(a, fmt) || isSignaling(b, fmt)) {
                flags |= NV;
            }
            return 0;
        }
        double va = value(a, fmt);
        double vb = value(b, fmt);
        boolean r = f3 == 2 ? va == vb : f3 == 1 ? va < vb : va <= vb;
        return r ? 1 : 0;
    }

    /** fmin/fmax: a NaN operand gives way to the other; -0 is below +0. */
    long minMax(long a, long b, int fmt, boolean max) {
        if (isSignaling(a, fmt) || isSignaling(b, fmt)) {
            flags |= NV;
        }
        if (isNaN(a, fmt)) {
            return isNaN(b, fmt) ? canonicalNaN(fmt) : b;
        }
        if (isNaN(b, fmt)) {
            return a;
        }
        double va = value(a, fmt);
        double vb = value(b, fmt);
        if (va == vb) {
            return negative(a, fmt) != max ? a : b;
        }
        return (va > vb) == max ? a : b;
    }

    static long classify(long a, int fmt) {
        boolean neg = negative(a, fmt);
        int k;
        if (isInf(a, fmt)) {
            k = neg ? 0 : 7;
        } else if (isNaN(a, fmt)) {
            k = isSignaling(a, fmt) ? 8 : 9;
        } else if (isZero(a, fmt)) {
            k = neg ? 3 : 4;
        } else if (expField(a, fmt) == 0) {
            k = neg ? 2 : 5;
        } else {
            k = neg ? 1 : 6;
        }
        return 1L << k;
    }

    // ---- conversions ----

    /** fcvt.s.d and fcvt.d.s. */
    long convert(long a, int from, int to, int rm) {
        if (isNaN(a, from)) {
            if (isSignaling(a, from)) {
                flags |= NV;
            }
            return canonicalNaN(to);
        }
        boolean neg = negative(a, from);
        if (isInf(a, from)) {
            return signedZero(neg, to) | inf(to);
        }
        if (isZero(a, from)) {
            return signedZero(neg, to);
        }
        return round(neg, mant(a, from), exp2(a, from), false, to, rm);
    }

    private static final BigInteger[] INT_MIN = {
        BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.ZERO, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.ZERO};
    private static final BigInteger[] INT_MAX = {
        BigInteger.valueOf(Integer.MAX_VALUE), BigInteger.valueOf(0xffffffffL),
        BigInteger.valueOf(Long.MAX_VALUE), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
    /** What out-of-range results saturate to, as the register holds them (W results sign-extended). */
    private static final long[] SAT_MIN = {Integer.MIN_VALUE, 0, Long.MIN_VALUE, 0};
    private static final long[] SAT_MAX = {Integer.MAX_VALUE, -1, Long.MAX_VALUE, -1};

    /** fcvt.{w,wu,l,lu}.fmt ({@code kind} 0..3): rounds, then saturates (NV) if out of range or NaN. */
    long toInt(long a, int fmt, int rm, int kind) {
        double v = value(a, fmt);
        if (fastPaths && Math.abs(v) < 0x1p31) { // fast: every such value is exact in a double with room for rounding
            double t;
            switch (rm) {
                case RNE: t = Math.rint(v); break;
                case RTZ: t = v < 0 ? Math.ceil(v) : Math.floor(v); break;
                case RDN: t = Math.floor(v); break;
                case RUP: t = Math.ceil(v); break;
                default: {
                    double m = Math.abs(v);
                    double whole = Math.floor(m);
                    t = Math.copySign(m - whole >= 0.5 ? whole + 1 : whole, v); // m - whole is exact
                    break;
                }
            }
            boolean inRange = kind == 0 ? t >= Integer.MIN_VALUE && t <= Integer.MAX_VALUE : kind == 2 || t >= 0;
            if (inRange) {
                if (t != v) {
                    flags |= NX;
                }
                return kind < 2 ? (int) (long) t : (long) t;
            }
        }
        if (isNaN(a, fmt)) {
            flags |= NV;
            return SAT_MAX[kind];
        }
        boolean neg = negative(a, fmt);
        if (isInf(a, fmt)) {
            flags |= NV;
            return neg ? SAT_MIN[kind] : SAT_MAX[kind];
        }
        if (isZero(a, fmt)) {
            return 0;
        }
        int e = exp2(a, fmt);
        BigInteger n = e >= 0 ? mant(a, fmt).shiftLeft(e) : roundShift(mant(a, fmt), -e, false, neg, rm);
        boolean lost = e < 0 && inexact;
        if (neg) {
            n = n.negate();
        }
        if (n.compareTo(INT_MIN[kind]) < 0) {
            flags |= NV;
            return SAT_MIN[kind];
        }
        if (n.compareTo(INT_MAX[kind]) > 0) {
            flags |= NV;
            return SAT_MAX[kind];
        }
        if (lost) {
            flags |= NX;
        }
        long r = n.longValue();
        return kind < 2 ? (int) r : r;
    }

    /** fcvt.fmt.{w,wu,l,lu} ({@code kind} 0..3). */
    long fromInt(long v, int fmt, int rm, int kind) {
        long n = kind == 0 ? (int) v : kind == 1 ? v & 0xffffffffL : v;
        long limit = fmt == S ? 1L << 24 : 1L << 53;
        if (fastPaths && n > -limit && n < limit && (kind != 3 || n >= 0)) { // exact
            return fmt == S ? Float.floatToRawIntBits(n) & 0xffffffffL : Double.doubleToRawLongBits(n);
        }
        BigInteger m;
        switch (kind) {
            case 0: m = BigInteger.valueOf((int) v); break;
            case 1: m = BigInteger.valueOf(v & 0xffffffffL); break;
            case 2: m = BigInteger.valueOf(v); break;
            default: m = new BigInteger(Long.toUnsignedString(v)); break;
        }
        if (m.signum() == 0) {
            return 0;
        }
        return round(m.signum() < 0, m.abs(), 0, false, fmt, rm);
    }
}
