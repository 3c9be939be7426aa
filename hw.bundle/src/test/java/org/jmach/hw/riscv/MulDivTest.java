package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** M: products (high halves checked against BigInteger), division by zero and overflow as RISC-V defines them. */
class MulDivTest {

    private final Bench b = new Bench();

    private long alu(String name, long a, long c) {
        return b.alu(name, a, c);
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static long high(BigInteger product) {
        return product.shiftRight(64).longValue();
    }

    @Test
    void highProductsMatchBigInteger() {
        Random random = new Random(8);
        long[] corner = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xffffffffL, 1L << 32};
        for (int k = 0; k < 300; k++) {
            long a = k < 49 ? corner[k % 7] : random.nextLong();
            long c = k < 49 ? corner[k / 7] : random.nextLong();
            assertEquals(a * c, alu("mul", a, c));
            assertEquals(high(BigInteger.valueOf(a).multiply(BigInteger.valueOf(c))), alu("mulh", a, c));
            assertEquals(high(unsigned(a).multiply(unsigned(c))), alu("mulhu", a, c));
            assertEquals(high(BigInteger.valueOf(a).multiply(unsigned(c))), alu("mulhsu", a, c));
            assertEquals((long) ((int) a * (int) c), alu("mulw", a, c));
        }
    }

    @Test
    void divisionByZeroGivesAllOnesAndTheDividend() {
        assertEquals(-1, alu("div", 42, 0));
        assertEquals(-1, alu("divu", 42, 0));
        assertEquals(42, alu("rem", 42, 0));
        assertEquals(-42, alu("remu", -42, 0));
        assertEquals(-1, alu("divw", 42, 0));
        assertEquals(-1, alu("divuw", 42, 0));
        assertEquals(-42, alu("remw", 0xffffffd6L, 0)); // the dividend's low word, sign-extended
        assertEquals(-42, alu("remuw", 0xffffffd6L, 0));
    }

    @Test
    void signedOverflowGivesTheDividendAndZeroRemainder() {
        assertEquals(Long.MIN_VALUE, alu("div", Long.MIN_VALUE, -1));
        assertEquals(0, alu("rem", Long.MIN_VALUE, -1));
        assertEquals(Integer.MIN_VALUE, alu("divw", Integer.MIN_VALUE, -1));
        assertEquals(0, alu("remw", Integer.MIN_VALUE, -1));
    }

    @Test
    void divisionRoundsTowardZero() {
        assertEquals(-2, alu("div", -7, 3));
        assertEquals(-1, alu("rem", -7, 3));
        assertEquals(2, alu("rem", 7, -5));
        assertEquals(Long.divideUnsigned(-7, 3), alu("divu", -7, 3));
        assertEquals(Long.remainderUnsigned(-7, 3), alu("remu", -7, 3));
        assertEquals((long) Integer.divideUnsigned(-7, 3), alu("divuw", 0xfffffff9L, 3));
        assertEquals(1, alu("remuw", 0xfffffffaL, 3)); // 4294967290 mod 3
        assertEquals(-2, alu("divw", 0x1_ffff_fff9L, 3));
        assertEquals(-1, alu("divuw", 0xffffffffL, 1)); // the 32-bit result 0xffffffff is sign-extended
    }
}
