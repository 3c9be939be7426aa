package org.jmach.hw.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The FPU's arithmetic on many operands: in RNE it must agree bit for bit
 * with Java's (IEEE, round to nearest even) arithmetic; in the other modes the
 * result must bracket the exact value as the mode says (checked exactly with
 * BigDecimal), and NX must be set exactly when the result is not the exact value.
 */
class FloatRandomTest {

    private static final int S = SoftFloat.S, D = SoftFloat.D;
    private static final int ADD = 0, MUL = 1, DIV = 2, SQRT = 3, FMA = 4;
    private static final int CASES = 4000;

    private final SoftFloat fpu = new SoftFloat();
    private final Random random = new Random(20261201);

    private double randomDouble() {
        switch (random.nextInt(6)) {
            case 0: return Double.longBitsToDouble(random.nextLong());
            case 1: return (1 + random.nextDouble()) * Math.scalb(1.0, random.nextInt(20) - 10) * (random.nextBoolean() ? 1 : -1);
            case 2: return Double.longBitsToDouble(random.nextLong() & 0x801fffffffffffffL); // subnormal or tiny normal
            case 3: return random.nextInt(2000) - 1000;
            case 4: return Math.scalb(1 + random.nextDouble(), 1020 - random.nextInt(4)) * (random.nextBoolean() ? 1 : -1);
            default: {
                double[] special = {0.0, -0.0, 1, -1, Double.MAX_VALUE, Double.MIN_NORMAL, Double.MIN_VALUE,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 3, 0.5};
                return special[random.nextInt(special.length)];
            }
        }
    }

    private float randomFloat() {
        switch (random.nextInt(6)) {
            case 0: return Float.intBitsToFloat(random.nextInt());
            case 1: return (1 + random.nextFloat()) * Math.scalb(1f, random.nextInt(20) - 10) * (random.nextBoolean() ? 1 : -1);
            case 2: return Float.intBitsToFloat(random.nextInt() & 0x80ffffff);
            case 3: return random.nextInt(2000) - 1000;
            case 4: return Math.scalb(1 + random.nextFloat(), 126 - random.nextInt(4)) * (random.nextBoolean() ? 1 : -1);
            default: {
                float[] special = {0f, -0f, 1, -1, Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE,
                    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3, 0.5f};
                return special[random.nextInt(special.length)];
            }
        }
    }

    private static long bits(double v, int fmt) {
        return fmt == S ? Float.floatToRawIntBits((float) v) & 0xffffffffL : Double.doubleToRawLongBits(v);
    }

    private static double value(long bits, int fmt) {
        return fmt == S ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    private static double next(double v, int fmt, boolean up) {
        if (fmt == S) {
            return up ? Math.nextUp((float) v) : Math.nextDown((float) v);
        }
        return up ? Math.nextUp(v) : Math.nextDown(v);
    }

    private static long compute(SoftFloat fpu, int op, long a, long b, long c, int fmt, int rm) {
        switch (op) {
            case ADD: return fpu.add(a, b, fmt, rm);
            case MUL: return fpu.mul(a, b, fmt, rm);
            case DIV: return fpu.div(a, b, fmt, rm);
            case SQRT: return fpu.sqrt(a, fmt, rm);
            default: return fpu.fma(a, b, c, false, false, fmt, rm);
        }
    }

    private static double java(int op, double a, double b, double c, int fmt) {
        if (fmt == S) {
            float x = (float) a, y = (float) b, z = (float) c;
            switch (op) {
                case ADD: return x + y;
                case MUL: return x * y;
                case DIV: return x / y;
                case SQRT: return (float) Math.sqrt(x);
                default: return Math.fma(x, y, z);
            }
        }
        switch (op) {
            case ADD: return a + b;
            case MUL: return a * b;
            case DIV: return a / b;
            case SQRT: return Math.sqrt(a);
            default: return Math.fma(a, b, c);
        }
    }

    /** The sign of r - exact, exactly. */
    private static int compareToExact(double r, int op, double a, double b, double c) {
        BigDecimal rr = new BigDecimal(r);
        switch (op) {
            case ADD: return rr.compareTo(new BigDecimal(a).add(new BigDecimal(b)));
            case MUL: return rr.compareTo(new BigDecimal(a).multiply(new BigDecimal(b)));
            case DIV: return rr.multiply(new BigDecimal(b)).compareTo(new BigDecimal(a)) * (b > 0 ? 1 : -1);
            case SQRT: return rr.multiply(rr).compareTo(new BigDecimal(a));
            default: return rr.compareTo(new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c)));
        }
    }

    private void check(int op, int fmt) {
        for (int k = 0; k < CASES; k++) {
            double a = fmt == S ? randomFloat() : randomDouble();
            double b = fmt == S ? randomFloat() : randomDouble();
            double c = fmt == S ? randomFloat() : randomDouble();
            long ab = bits(a, fmt), bb = bits(b, fmt), cb = bits(c, fmt);
            double expected = java(op, a, b, c, fmt);
            String what = "op " + op + " fmt " + fmt + " on " + a + ", " + b + ", " + c;
            for (int rm = SoftFloat.RNE; rm <= SoftFloat.RMM; rm++) {
                fpu.flags = 0;
                long result = compute(fpu, op, ab, bb, cb, fmt, rm);
                double r = value(result, fmt);
                if (Double.isNaN(expected)) {
                    assertEquals(SoftFloat.canonicalNaN(fmt), result, what);
                    continue;
                }
                if (rm == SoftFloat.RNE) {
                    assertEquals(bits(expected, fmt), result, what);
                }
                if (Double.isInfinite(r) || Double.isInfinite(expected) || Double.isInfinite(a)
                        || Double.isInfinite(b) || (op == FMA && Double.isInfinite(c))
                        || (op == DIV && b == 0)) {
                    continue; // overflow and infinities are checked one by one in FloatTest
                }
                int sign = compareToExact(r, op, a, b, c);
                assertEquals(sign != 0, (fpu.flags & SoftFloat.NX) != 0, "NX, rm " + rm + ", " + what);
                if (sign == 0) {
                    continue;
                }
                double other = next(r, fmt, sign < 0); // the neighbour on the exact value's other side
                if (Double.isInfinite(other)) {
                    continue;
                }
                assertEquals(-sign, compareToExact(other, op, a, b, c), "brackets, rm " + rm + ", " + what);
                boolean negative = (result & (fmt == S ? 1L << 31 : 1L << 63)) != 0;
                switch (rm) {
                    case SoftFloat.RDN: assertTrue(sign < 0, "RDN is below, " + what); break;
                    case SoftFloat.RUP: assertTrue(sign > 0, "RUP is above, " + what); break;
                    case SoftFloat.RTZ: assertEquals(negative ? 1 : -1, sign, "RTZ is toward zero, " + what); break;
                    case SoftFloat.RMM: {
                        int mid = compareToExactMid(r, other, op, a, b, c);
                        if (mid == 0) {
                            assertTrue(Math.abs(r) > Math.abs(other), "RMM tie goes away from zero, " + what);
                        } else {
                            assertEquals(-sign, mid, "RMM is nearest: the exact value lies on its side of the midpoint, " + what);
                        }
                        break;
                    }
                    default: break;
                }
            }
        }
    }

    private static int compareToExactMid(double r, double other, int op, double a, double b, double c) {
        BigDecimal mid = new BigDecimal(r).add(new BigDecimal(other)).divide(BigDecimal.valueOf(2));
        switch (op) {
            case ADD: return mid.compareTo(new BigDecimal(a).add(new BigDecimal(b)));
            case MUL: return mid.compareTo(new BigDecimal(a).multiply(new BigDecimal(b)));
            case DIV: return mid.multiply(new BigDecimal(b)).compareTo(new BigDecimal(a)) * (b > 0 ? 1 : -1);
            case SQRT: return mid.multiply(mid).compareTo(new BigDecimal(a));
            default: return mid.compareTo(new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c)));
        }
    }

    @Test
    void addAgreesWithJavaAndBracketsInEveryMode() {
        check(ADD, D);
        check(ADD, S);
    }

    @Test
    void mulAgreesWithJavaAndBracketsInEveryMode() {
        check(MUL, D);
        check(MUL, S);
    }

    @Test
    void divAgreesWithJavaAndBracketsInEveryMode() {
        check(DIV, D);
        check(DIV, S);
    }

    @Test
    void sqrtAgreesWithJavaAndBracketsInEveryMode() {
        check(SQRT, D);
        check(SQRT, S);
    }

    @Test
    void fmaAgreesWithJavaAndBracketsInEveryMode() {
        check(FMA, D);
        check(FMA, S);
    }

    @Test
    void conversionsToIntegerAgreeWithJavaWhereJavaIsDefined() {
        for (int k = 0; k < CASES; k++) {
            double a = randomDouble();
            if (Double.isNaN(a) || Math.abs(a) >= 0x1p62) {
                continue;
            }
            long bits = Double.doubleToRawLongBits(a);
            fpu.flags = 0;
            assertEquals((long) a, fpu.toInt(bits, D, SoftFloat.RTZ, 2), "RTZ " + a);
            assertEquals(a != (long) a, fpu.flags == SoftFloat.NX);
            assertEquals((long) Math.floor(a), fpu.toInt(bits, D, SoftFloat.RDN, 2), "RDN " + a);
            assertEquals((long) Math.ceil(a), fpu.toInt(bits, D, SoftFloat.RUP, 2), "RUP " + a);
            assertEquals((long) Math.rint(a), fpu.toInt(bits, D, SoftFloat.RNE, 2), "RNE " + a);
            double away = Math.abs(a) - Math.floor(Math.abs(a)) >= 0.5 ? Math.ceil(Math.abs(a)) : Math.floor(Math.abs(a));
            assertEquals((long) Math.copySign(away, a), fpu.toInt(bits, D, SoftFloat.RMM, 2), "RMM " + a);
        }
    }

    @Test
    void fastPathsAgreeWithTheExactWayOnResultsAndFlags() {
        SoftFloat exact = new SoftFloat();
        exact.fastPaths = false;
        for (int k = 0; k < CASES; k++) {
            for (int fmt = S; fmt <= D; fmt++) {
                double a = fmt == S ? randomFloat() : randomDouble();
                double c = fmt == S ? randomFloat() : randomDouble();
                long ab = bits(a, fmt), cb = bits(c, fmt);
                long n = random.nextLong() >> random.nextInt(64);
                for (int rm = SoftFloat.RNE; rm <= SoftFloat.RMM; rm++) {
                    String what = "fmt " + fmt + " rm " + rm + " on " + a + ", " + c + ", " + n;
                    long eb = bits(fmt == S ? randomFloat() : randomDouble(), fmt);
                    for (int op = ADD; op <= FMA; op++) {
                        fpu.flags = 0;
                        exact.flags = 0;
                        assertEquals(compute(exact, op, ab, cb, eb, fmt, rm), compute(fpu, op, ab, cb, eb, fmt, rm),
                                "op " + op + ", " + what);
                        assertEquals(exact.flags, fpu.flags, "flags of op " + op + ", " + what);
                    }
                    for (int neg = 0; neg < 4; neg++) {
                        fpu.flags = 0;
                        exact.flags = 0;
                        assertEquals(exact.fma(ab, cb, eb, neg > 1, (neg & 1) != 0, fmt, rm),
                                fpu.fma(ab, cb, eb, neg > 1, (neg & 1) != 0, fmt, rm), "fma signs " + neg + ", " + what);
                        assertEquals(exact.flags, fpu.flags, "fma flags " + neg + ", " + what);
                    }
                    for (int kind = 0; kind < 4; kind++) {
                        fpu.flags = 0;
                        exact.flags = 0;
                        assertEquals(exact.toInt(ab, fmt, rm, kind), fpu.toInt(ab, fmt, rm, kind), "toInt " + kind + ", " + what);
                        assertEquals(exact.flags, fpu.flags, "toInt flags " + kind + ", " + what);
                        assertEquals(exact.fromInt(n, fmt, rm, kind), fpu.fromInt(n, fmt, rm, kind), "fromInt " + kind + ", " + what);
                        assertEquals(exact.flags, fpu.flags, "fromInt flags " + kind + ", " + what);
                    }
                }
            }
        }
    }

    @Test
    void conversionsFromLongAgreeWithJavaInRne() {
        for (int k = 0; k < CASES; k++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertEquals(Double.doubleToRawLongBits((double) v), fpu.fromInt(v, D, SoftFloat.RNE, 2), "" + v);
            assertEquals(Float.floatToRawIntBits((float) v) & 0xffffffffL, fpu.fromInt(v, S, SoftFloat.RNE, 2), "" + v);
            double d = Double.longBitsToDouble(fpu.fromInt(v, D, SoftFloat.RTZ, 2));
            assertTrue(new BigDecimal(d).abs().compareTo(BigDecimal.valueOf(v).abs()) <= 0);
        }
    }
}
