package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** F and D: each rounding mode and flag, conversions, min/max, comparisons, classes, NaN boxing. */
class FloatTest {

    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;
    static final int NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
    static final int S = 0, D = 1;
    static final int FADD = 0, FSUB = 1, FMUL = 2, FDIV = 3, FSGNJ = 4, FMINMAX = 5, FCVT_FF = 8, FSQRT = 11,
            FCMP = 20, FCVT_XF = 24, FCVT_FX = 26, FMV_X = 28, FMV_F = 30;
    static final long BOX = 0xffffffff00000000L;
    static final long CANONICAL_S = BOX | 0x7fc00000L;
    static final long CANONICAL_D = 0x7ff8000000000000L;
    static final long SNAN_D = 0x7ff0000000000001L;
    static final long SNAN_S = BOX | 0x7f800001L;

    final Bench b = new Bench();

    static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    static long s(float v) {
        return BOX | (Float.floatToRawIntBits(v) & 0xffffffffL);
    }

    /** Runs one instruction with f1, f2, f3 = a, c, e and fflags cleared; returns f4 (or a0 if {@code toX}). */
    long run(int insn, long a, long c, long e, boolean toX) {
        b.hart.setF(1, a);
        b.hart.setF(2, c);
        b.hart.setF(3, e);
        b.hart.setFcsr(b.hart.fcsr() & ~0x1f);
        assertEquals(Trap.ECALL, b.run(insn));
        return toX ? b.x(A0) : b.hart.f(4);
    }

    long binary(int funct5, int fmt, int rm, long a, long c) {
        return run(fp(funct5, fmt, 4, 1, 2, rm), a, c, 0, false);
    }

    int flags() {
        return b.hart.fcsr() & 0x1f;
    }

    void expect(long bits, int flags, long actual) {
        assertEquals(Long.toHexString(bits), Long.toHexString(actual));
        assertEquals(flags, flags(), "flags");
    }

    @Test
    void oneThirdInEachRoundingMode() {
        long[] dExpected = {0x3fd5555555555555L, 0x3fd5555555555555L, 0x3fd5555555555555L, 0x3fd5555555555556L,
            0x3fd5555555555555L};
        int[] sExpected = {0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaab};
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(dExpected[rm], NX, binary(FDIV, D, rm, d(1), d(3)));
            expect(BOX | sExpected[rm], NX, binary(FDIV, S, rm, s(1), s(3)));
        }
        expect(0xbfd5555555555556L, NX, binary(FDIV, D, RDN, d(-1), d(3)));
        expect(0xbfd5555555555555L, NX, binary(FDIV, D, RUP, d(-1), d(3)));
        expect(0xbfd5555555555555L, NX, binary(FDIV, D, RTZ, d(-1), d(3)));
    }

    @Test
    void tiesAwayFromZeroDiffersFromTiesToEven() {
        // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: RNE picks 1 (even), RMM 1 + 2^-52.
        expect(d(1), NX, binary(FADD, D, RNE, d(1), d(0x1p-53)));
        expect(d(1 + 0x1p-52), NX, binary(FADD, D, RMM, d(1), d(0x1p-53)));
        expect(d(-1 - 0x1p-52), NX, binary(FADD, D, RMM, d(-1), d(-0x1p-53)));
        expect(s(1), NX, binary(FADD, S, RNE, s(1), s(0x1p-24f)));
        expect(s(1 + 0x1p-23f), NX, binary(FADD, S, RMM, s(1), s(0x1p-24f)));
    }

    @Test
    void dynamicRoundingModeComesFromFrm() {
        b.hart.setFcsr(RUP << 5);
        expect(0x3fd5555555555556L, NX, binary(FDIV, D, DYN, d(1), d(3)));
        b.hart.setFcsr(RTZ << 5);
        expect(0x3fd5555555555555L, NX, binary(FDIV, D, DYN, d(1), d(3)));
    }

    @Test
    void reservedRoundingModesAreIllegal() {
        b.hart.setF(1, d(1));
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(fp(FADD, D, 4, 1, 1, 5)));
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(fp(FADD, D, 4, 1, 1, 6)));
        b.hart.setFcsr(5 << 5);
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(fp(FADD, D, 4, 1, 1, DYN)));
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(fma(0x43, D, 4, 1, 1, 1, DYN)));
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(fp(FADD, 2, 4, 1, 1, RNE))); // half precision: not here
        assertEquals(Trap.ECALL, b.run(fp(FSGNJ, D, 4, 1, 1, 0)), "sgnj has no rounding mode");
    }

    long cvtToInt(int fmt, int kind, int rm, long a) {
        return run(fp(FCVT_XF, fmt, A0, 1, kind, rm), a, 0, 0, true);
    }

    @Test
    void convertTwoAndAHalfToIntegerInEachMode() {
        long[] plus = {2, 2, 2, 3, 3};
        long[] minus = {-2, -2, -3, -2, -3};
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(plus[rm], NX, cvtToInt(S, 0, rm, s(2.5f)));
            expect(minus[rm], NX, cvtToInt(S, 0, rm, s(-2.5f)));
            expect(plus[rm], NX, cvtToInt(D, 2, rm, d(2.5)));
            expect(minus[rm], NX, cvtToInt(D, 2, rm, d(-2.5)));
        }
        expect(4, NX, cvtToInt(S, 0, RNE, s(3.5f)));
        expect(0, NX, cvtToInt(D, 0, RMM, d(0.49999999999999994)));
        expect(-1, NX, cvtToInt(D, 0, RMM, d(-0.5)));
        expect(0, NX, cvtToInt(D, 0, RNE, d(-0.5)));
        expect(3, 0, cvtToInt(S, 0, RNE, s(3f)));
    }

    @Test
    void convertToIntegerSaturatesOnNaNInfinityAndRange() {
        expect(0x7fffffffL, NV, cvtToInt(S, 0, RNE, CANONICAL_S));
        expect(0x7fffffffL, NV, cvtToInt(S, 0, RTZ, s(3e9f)));
        expect(Integer.MIN_VALUE, NV, cvtToInt(S, 0, RTZ, s(-3e9f)));
        expect(Integer.MIN_VALUE, NV, cvtToInt(S, 0, RTZ, s(Float.NEGATIVE_INFINITY)));
        expect(Integer.MIN_VALUE, 0, cvtToInt(D, 0, RTZ, d(-0x1p31)));
        expect(Integer.MIN_VALUE, NX, cvtToInt(D, 0, RTZ, d(-0x1p31 - 0.5)));
        expect(Integer.MIN_VALUE, NV, cvtToInt(D, 0, RDN, d(-0x1p31 - 0.5)));
        expect(Integer.MAX_VALUE, NV, cvtToInt(D, 0, RUP, d(0x1p31 - 0.5)));
        expect(Integer.MAX_VALUE, NX, cvtToInt(D, 0, RDN, d(0x1p31 - 0.5)));
        expect(Integer.MIN_VALUE, NX, cvtToInt(D, 1, RUP, d(0x1p31 - 0.5))); // 2^31 as a word, sign-extended
        // unsigned word: results are sign-extended from 32 bits
        expect(-1, NV, cvtToInt(S, 1, RNE, CANONICAL_S));
        expect((int) 3_000_000_000L, 0, cvtToInt(S, 1, RNE, s(3e9f)));
        expect(0, NX, cvtToInt(S, 1, RTZ, s(-0.5f)));
        expect(0, NV, cvtToInt(S, 1, RDN, s(-0.5f)));
        expect(0, NV, cvtToInt(D, 1, RTZ, d(-1)));
        // doubleword
        expect(Long.MAX_VALUE, NV, cvtToInt(D, 2, RNE, d(0x1p63)));
        expect(Long.MIN_VALUE, 0, cvtToInt(D, 2, RNE, d(-0x1p63)));
        expect(Long.MAX_VALUE, NV, cvtToInt(D, 2, RNE, SNAN_D));
        expect(Long.MAX_VALUE, NV, cvtToInt(D, 2, RNE, d(Double.POSITIVE_INFINITY)));
        expect(-1, NV, cvtToInt(D, 3, RNE, d(0x1p64)));
        expect(0x8000000000000000L, 0, cvtToInt(D, 3, RNE, d(0x1p63)));
        expect(0, NV, cvtToInt(D, 3, RNE, d(Double.NEGATIVE_INFINITY)));
        expect(0, 0, cvtToInt(D, 3, RNE, d(-0.0)));
        expect(0, NX, cvtToInt(D, 2, RNE, d(Double.MIN_VALUE)));
        expect(-1, NX, cvtToInt(D, 2, RDN, d(-Double.MIN_VALUE)));
    }

    long cvtFromInt(int fmt, int kind, int rm, long v) {
        b.hart.setX(A1, v);
        return run(fp(FCVT_FX, fmt, 4, A1, kind, rm), 0, 0, 0, false);
    }

    @Test
    void convertFromIntegerRoundsInEachMode() {
        long big = (1L << 53) + 1;
        expect(d(0x1p53), NX, cvtFromInt(D, 2, RNE, big));
        expect(d(0x1p53 + 2), NX, cvtFromInt(D, 2, RUP, big));
        expect(d(0x1p53), NX, cvtFromInt(D, 2, RTZ, big));
        expect(d(-0x1p53 - 2), NX, cvtFromInt(D, 2, RDN, -big));
        expect(d(0x1p64), NX, cvtFromInt(D, 3, RNE, -1));
        expect(d(0x1p64 - 2048), NX, cvtFromInt(D, 3, RTZ, -1));
        expect(d(4294967295.0), 0, cvtFromInt(D, 1, RNE, -1)); // wu uses the low 32 bits
        expect(d(-1), 0, cvtFromInt(D, 0, RNE, 0xffffffffL)); // w too, signed
        expect(s(0x1p32f), NX, cvtFromInt(S, 1, RNE, 0xffffffffL));
        expect(BOX | 0x4f7fffffL, NX, cvtFromInt(S, 1, RTZ, 0xffffffffL));
        expect(s(0), 0, cvtFromInt(S, 2, RDN, 0));
        expect(d(4294967295.0), 0, cvtFromInt(D, 1, RNE, 0x12345678ffffffffL)); // wu ignores the high half
        expect(d(-1), 0, cvtFromInt(D, 0, RNE, 0x12345678ffffffffL));           // w too
        expect(d(0x1p64), NX, cvtFromInt(D, 3, RNE, -5));
        expect(d(0x1p63), 0, cvtFromInt(D, 3, RNE, Long.MIN_VALUE));
        expect(s(16777217f), NX, cvtFromInt(S, 2, RNE, 16777217));
        expect(s(16777218f), NX, cvtFromInt(S, 2, RUP, 16777217));
        expect(s(-0x1p63f), 0, cvtFromInt(S, 2, RNE, Long.MIN_VALUE));
    }

    @Test
    void convertBetweenSingleAndDouble() {
        long third = d(1.0 / 3);
        expect(BOX | 0x3eaaaaabL, NX, run(fp(FCVT_FF, S, 4, 1, 1, RNE), third, 0, 0, false));
        expect(BOX | 0x3eaaaaaaL, NX, run(fp(FCVT_FF, S, 4, 1, 1, RTZ), third, 0, 0, false));
        expect(BOX | 0x7f800000L, OF | NX, run(fp(FCVT_FF, S, 4, 1, 1, RNE), d(1e300), 0, 0, false));
        expect(BOX | 0x7f7fffffL, OF | NX, run(fp(FCVT_FF, S, 4, 1, 1, RTZ), d(1e300), 0, 0, false));
        expect(BOX | 0x00000001L, UF | NX, run(fp(FCVT_FF, S, 4, 1, 1, RUP), d(1e-300), 0, 0, false));
        expect(BOX | 0x00000000L, UF | NX, run(fp(FCVT_FF, S, 4, 1, 1, RNE), d(1e-300), 0, 0, false));
        expect(CANONICAL_S, NV, run(fp(FCVT_FF, S, 4, 1, 1, RNE), SNAN_D, 0, 0, false));
        expect(d(0.1f), 0, run(fp(FCVT_FF, D, 4, 1, 0, RNE), s(0.1f), 0, 0, false));
        expect(CANONICAL_D, NV, run(fp(FCVT_FF, D, 4, 1, 0, RNE), SNAN_S, 0, 0, false));
        expect(CANONICAL_D, 0, run(fp(FCVT_FF, D, 4, 1, 0, RNE), d(1), 0, 0, false)); // unboxed single: NaN
        expect(d(Float.MIN_VALUE), 0, run(fp(FCVT_FF, D, 4, 1, 0, RNE), s(Float.MIN_VALUE), 0, 0, false));
    }

    @Test
    void overflowInEachMode() {
        long max = d(Double.MAX_VALUE);
        long inf = d(Double.POSITIVE_INFINITY);
        long[] plus = {inf, max, max, inf, inf};
        long[] minus = {inf | 1L << 63, max | 1L << 63, inf | 1L << 63, max | 1L << 63, inf | 1L << 63};
        for (int rm = RNE; rm <= RMM; rm++) {
            expect(plus[rm], OF | NX, binary(FMUL, D, rm, max, d(2)));
            expect(minus[rm], OF | NX, binary(FMUL, D, rm, max, d(-2)));
        }
        // just above MAX but rounding to MAX with an unbounded exponent: no overflow
        expect(max, NX, binary(FADD, D, RNE, max, d(0x1p969)));
        expect(inf, OF | NX, binary(FADD, D, RNE, max, d(0x1p970)));
        expect(max, NX, binary(FADD, D, RTZ, max, d(Math.ulp(Double.MAX_VALUE) * 0.75)));
        expect(inf, OF | NX, binary(FADD, D, RUP, max, d(0x1p900)));
        expect(BOX | 0x7f7fffffL, OF | NX, binary(FMUL, S, RTZ, s(Float.MAX_VALUE), s(2)));
    }

    @Test
    void underflowIsTinyAfterRoundingAndInexact() {
        long minNormal = d(Double.MIN_NORMAL);
        expect(d(Double.MIN_NORMAL / 2), 0, binary(FMUL, D, RNE, minNormal, d(0.5))); // exact subnormal: no UF
        expect(d(0), UF | NX, binary(FMUL, D, RNE, d(Double.MIN_VALUE), d(0.5)));      // tie to even 0
        expect(d(Double.MIN_VALUE), UF | NX, binary(FMUL, D, RUP, d(Double.MIN_VALUE), d(0.5)));
        expect(d(Double.MIN_VALUE), UF | NX, binary(FMUL, D, RMM, d(Double.MIN_VALUE), d(0.5)));
        expect(d(-0.0), UF | NX, binary(FMUL, D, RTZ, d(-Double.MIN_VALUE), d(0.5)));
        // (2^-1022 - 2^-1074)(1 + 2^-52) = 2^-1022 - 2^-1126 rounds to 2^-1022 with an unbounded exponent: not tiny
        long largestSubnormal = minNormal - 1;
        expect(minNormal, NX, binary(FMUL, D, RNE, largestSubnormal, d(1 + 0x1p-52)));
        // in RTZ it stays below 2^-1022: tiny and inexact
        expect(largestSubnormal, UF | NX, binary(FMUL, D, RTZ, largestSubnormal, d(1 + 0x1p-52)));
        expect(BOX | 1, UF | NX, binary(FDIV, S, RUP, s(Float.MIN_VALUE), s(3)));
        // subnormal results of add are exact: no flags
        expect(d(Double.MIN_VALUE), 0, binary(FSUB, D, RNE, d(Double.MIN_VALUE * 3), d(Double.MIN_VALUE * 2)));
    }

    @Test
    void divideByZeroAndInvalidOperations() {
        expect(d(Double.POSITIVE_INFINITY), DZ, binary(FDIV, D, RNE, d(1), d(0)));
        expect(d(Double.NEGATIVE_INFINITY), DZ, binary(FDIV, D, RNE, d(1), d(-0.0)));
        expect(CANONICAL_D, NV, binary(FDIV, D, RNE, d(0), d(0)));
        expect(CANONICAL_D, NV, binary(FDIV, D, RNE, d(Double.POSITIVE_INFINITY), d(Double.NEGATIVE_INFINITY)));
        expect(CANONICAL_D, NV, binary(FSUB, D, RNE, d(Double.POSITIVE_INFINITY), d(Double.POSITIVE_INFINITY)));
        expect(CANONICAL_D, NV, binary(FMUL, D, RNE, d(0), d(Double.POSITIVE_INFINITY)));
        expect(CANONICAL_D, NV, run(fp(FSQRT, D, 4, 1, 0, RNE), d(-1), 0, 0, false));
        expect(d(-0.0), 0, run(fp(FSQRT, D, 4, 1, 0, RNE), d(-0.0), 0, 0, false));
        expect(CANONICAL_S, NV, run(fp(FSQRT, S, 4, 1, 0, RNE), s(-1), 0, 0, false));
        expect(CANONICAL_D, 0, binary(FADD, D, RNE, CANONICAL_D | 1L << 63 | 5, d(1))); // quiet NaN in: canonical out
        expect(CANONICAL_D, NV, binary(FADD, D, RNE, SNAN_D, d(1)));
        expect(d(Double.POSITIVE_INFINITY), 0, binary(FDIV, D, RNE, d(Double.POSITIVE_INFINITY), d(0)));
    }

    @Test
    void signOfExactZeroSums() {
        expect(d(0), 0, binary(FSUB, D, RNE, d(1), d(1)));
        expect(d(-0.0), 0, binary(FSUB, D, RDN, d(1), d(1)));
        expect(d(-0.0), 0, binary(FADD, D, RNE, d(-0.0), d(-0.0)));
        expect(d(0), 0, binary(FADD, D, RUP, d(-0.0), d(0)));
        expect(d(-0.0), 0, binary(FADD, D, RDN, d(-0.0), d(0)));
    }

    @Test
    void squareRootInEachMode() {
        expect(d(Math.sqrt(2)), NX, run(fp(FSQRT, D, 4, 1, 0, RNE), d(2), 0, 0, false));
        // the nearest double to sqrt(2) lies above it
        expect(d(Math.sqrt(2)), NX, run(fp(FSQRT, D, 4, 1, 0, RUP), d(2), 0, 0, false));
        expect(d(Math.nextDown(Math.sqrt(2))), NX, run(fp(FSQRT, D, 4, 1, 0, RDN), d(2), 0, 0, false));
        expect(d(Math.nextDown(Math.sqrt(2))), NX, run(fp(FSQRT, D, 4, 1, 0, RTZ), d(2), 0, 0, false));
        expect(d(3), 0, run(fp(FSQRT, D, 4, 1, 0, RNE), d(9), 0, 0, false));
        expect(s((float) Math.sqrt(2)), NX, run(fp(FSQRT, S, 4, 1, 0, RNE), s(2), 0, 0, false));
        expect(d(0x1p-537), 0, run(fp(FSQRT, D, 4, 1, 0, RNE), d(Double.MIN_VALUE), 0, 0, false));
    }

    long fused(int opcode, int fmt, int rm, long a, long c, long e) {
        return run(fma(opcode, fmt, 4, 1, 2, 3, rm), a, c, e, false);
    }

    @Test
    void fusedMultiplyAddRoundsOnceAndHasFourSigns() {
        expect(d(-0x1p-104), 0, fused(0x43, D, RNE, d(1 + 0x1p-52), d(1 - 0x1p-52), d(-1)));
        expect(d(7), 0, fused(0x43, D, RNE, d(2), d(3), d(1)));  // fmadd
        expect(d(5), 0, fused(0x47, D, RNE, d(2), d(3), d(1)));  // fmsub
        expect(d(-5), 0, fused(0x4b, D, RNE, d(2), d(3), d(1))); // fnmsub
        expect(d(-7), 0, fused(0x4f, D, RNE, d(2), d(3), d(1))); // fnmadd
        expect(s(7), 0, fused(0x43, S, RNE, s(2), s(3), s(1)));
        expect(CANONICAL_D, NV, fused(0x43, D, RNE, d(0), d(Double.POSITIVE_INFINITY), CANONICAL_D));
        expect(CANONICAL_D, NV, fused(0x43, D, RNE, d(Double.POSITIVE_INFINITY), d(1), d(Double.NEGATIVE_INFINITY)));
        expect(d(-0.0), 0, fused(0x43, D, RNE, d(-0.0), d(1), d(-0.0)));
        expect(d(-0.0), 0, fused(0x43, D, RDN, d(1), d(1), d(-1)));
        expect(d(0), 0, fused(0x43, D, RNE, d(1), d(1), d(-1)));
        expect(d(0x1p-60), 0, fused(0x43, D, RNE, d(0), d(5), d(0x1p-60)));
        // 1 + tiny: inexact, rounds by mode
        expect(d(1 + 0x1p-52), NX, fused(0x43, D, RUP, d(0x1p-60), d(0x1p-60), d(1)));
        expect(d(1), NX, fused(0x43, D, RNE, d(0x1p-60), d(0x1p-60), d(1)));
        // halfway cases: RMM goes away from zero where RNE went to the even neighbour below
        expect(d(1), NX, fused(0x43, D, RNE, d(1), d(1), d(0x1p-53)));
        expect(d(1 + 0x1p-52), NX, fused(0x43, D, RMM, d(1), d(1), d(0x1p-53)));
        expect(d(-1 - 0x1p-52), NX, fused(0x4f, D, RMM, d(1), d(1), d(0x1p-53))); // fnmadd
        expect(d(1 + 0x1p-51), NX, fused(0x43, D, RMM, d(1), d(1 + 0x1p-52), d(0x1p-53)));
        expect(d(1 + 0x1p-51), NX, fused(0x43, D, RNE, d(1), d(1 + 0x1p-52), d(0x1p-53)));
        expect(s(1 + 0x1p-23f), NX, fused(0x43, S, RMM, s(1), s(1), s(0x1p-24f)));
        expect(s(1), NX, fused(0x43, S, RNE, s(1), s(1), s(0x1p-24f)));
    }

    @Test
    void minMaxOrderZerosAndSkipNaNs() {
        expect(d(-0.0), 0, binary(FMINMAX, D, 0, d(-0.0), d(0)));
        expect(d(-0.0), 0, binary(FMINMAX, D, 0, d(0), d(-0.0)));
        expect(d(0), 0, binary(FMINMAX, D, 1, d(-0.0), d(0)));
        expect(d(0), 0, binary(FMINMAX, D, 1, d(0), d(-0.0)));
        expect(d(1), NV, binary(FMINMAX, D, 0, SNAN_D, d(1)));
        expect(d(1), 0, binary(FMINMAX, D, 1, d(1), CANONICAL_D));
        expect(CANONICAL_D, 0, binary(FMINMAX, D, 0, CANONICAL_D, CANONICAL_D | 5));
        expect(CANONICAL_D, NV, binary(FMINMAX, D, 1, SNAN_D, CANONICAL_D));
        expect(d(-3), 0, binary(FMINMAX, D, 0, d(2), d(-3)));
        expect(s(2), 0, binary(FMINMAX, S, 1, s(2), s(-3)));
        expect(s(-0.0f), 0, binary(FMINMAX, S, 0, s(0), s(-0.0f)));
        expect(s(2), NV, binary(FMINMAX, S, 0, SNAN_S, s(2)));
    }

    long compare(int fmt, int f3, long a, long c) {
        return run(fp(FCMP, fmt, A0, 1, 2, f3), a, c, 0, true);
    }

    @Test
    void comparisonsQuietAndSignalling() {
        expect(0, 0, compare(D, 2, CANONICAL_D, d(1)));   // feq: quiet NaN, no flag
        expect(0, NV, compare(D, 2, SNAN_D, d(1)));       // feq: signalling NaN
        expect(0, NV, compare(D, 1, CANONICAL_D, d(1)));  // flt: any NaN
        expect(0, NV, compare(D, 0, d(1), CANONICAL_D));  // fle: any NaN
        expect(1, 0, compare(D, 2, d(-0.0), d(0)));
        expect(0, 0, compare(D, 1, d(-0.0), d(0)));
        expect(1, 0, compare(D, 0, d(-0.0), d(0)));
        expect(1, 0, compare(S, 1, s(-1), s(1)));
        expect(0, 0, compare(S, 0, s(2), s(1)));
        expect(0, NV, compare(S, 1, d(1), s(1)));         // an unboxed single is a NaN
    }

    @Test
    void classifyEveryClass() {
        long[] dValues = {d(Double.NEGATIVE_INFINITY), d(-1), d(-Double.MIN_VALUE), d(-0.0), d(0),
            d(Double.MIN_VALUE), d(1), d(Double.POSITIVE_INFINITY), SNAN_D, CANONICAL_D};
        long[] sValues = {s(Float.NEGATIVE_INFINITY), s(-1), s(-Float.MIN_VALUE), s(-0.0f), s(0),
            s(Float.MIN_VALUE), s(1), s(Float.POSITIVE_INFINITY), SNAN_S, CANONICAL_S};
        for (int k = 0; k < 10; k++) {
            expect(1L << k, 0, run(fp(FMV_X, D, A0, 1, 0, 1), dValues[k], 0, 0, true));
            expect(1L << k, 0, run(fp(FMV_X, S, A0, 1, 0, 1), sValues[k], 0, 0, true));
        }
        expect(1L << 9, 0, run(fp(FMV_X, S, A0, 1, 0, 1), d(1), 0, 0, true)); // unboxed: the canonical NaN
    }

    @Test
    void nanBoxing() {
        long unboxed = 0x000000003f800000L;
        expect(CANONICAL_S, 0, binary(FADD, S, RNE, unboxed, s(1)));
        expect(CANONICAL_S, 0, binary(FSGNJ, S, 0, unboxed, unboxed));
        expect(BOX | 0xffc00000L, 0, binary(FSGNJ, S, 1, unboxed, s(1))); // sgnjn of the canonical NaN
        // fmv.x.w moves the low 32 bits as they are, sign-extended
        expect(0x3f800000L, 0, run(fp(FMV_X, S, A0, 1, 0, 0), unboxed, 0, 0, true));
        expect(0xffffffffbf800000L, 0, run(fp(FMV_X, S, A0, 1, 0, 0), s(-1), 0, 0, true));
        // fmv.w.x, flw box; fsw stores the low bits as they are
        b.hart.setX(A1, 0x123456783f800000L);
        expect(s(1), 0, run(fp(FMV_F, S, 4, A1, 0, 0), 0, 0, 0, false));
        b.mmu.writeLong(Bench.DATA, 0x40000000, 4);
        b.hart.setX(S0, Bench.DATA);
        expect(s(2), 0, run(flw(4, S0, 0), 0, 0, 0, false));
        run(fsw(1, S0, 8), unboxed, 0, 0, false);
        assertEquals(0x3f800000L, b.mmu.read(Bench.DATA + 8, 8));
        run(fsd(1, S0, 16), d(1.5), 0, 0, false);
        expect(d(1.5), 0, run(fld(4, S0, 16), 0, 0, 0, false));
        b.hart.setX(A1, d(-2));
        expect(d(-2), 0, run(fp(FMV_F, D, 4, A1, 0, 0), 0, 0, 0, false));
        expect(d(-2), 0, run(fp(FMV_X, D, A0, 1, 0, 0), d(-2), 0, 0, true));
    }

    @Test
    void signInjection() {
        expect(d(-1), 0, binary(FSGNJ, D, 0, d(1), d(-5)));
        expect(d(1), 0, binary(FSGNJ, D, 1, d(1), d(-5)));
        expect(d(-1), 0, binary(FSGNJ, D, 2, d(1), d(-5)));
        expect(d(1), 0, binary(FSGNJ, D, 2, d(-1), d(-5)));
        expect(SNAN_D | 1L << 63, 0, binary(FSGNJ, D, 1, SNAN_D, SNAN_D)); // no NaN handling, no flags
        expect(s(-1), 0, binary(FSGNJ, S, 1, s(1), s(1)));
    }

    @Test
    void flagsAccrue() {
        binary(FDIV, D, RNE, d(1), d(3));
        assertEquals(NX, flags());
        b.hart.setF(1, d(1));
        b.hart.setF(2, d(0));
        assertEquals(Trap.ECALL, b.run(fp(FDIV, D, 4, 1, 2, RNE), fp(FDIV, D, 5, 2, 2, RNE)));
        assertEquals(NX | DZ | NV, flags());
    }
}
