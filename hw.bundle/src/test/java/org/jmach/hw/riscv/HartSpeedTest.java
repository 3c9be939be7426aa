package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.junit.jupiter.api.Test;

/**
 * Interpreter speed on a simple integer loop (a checksum over a small array:
 * loads, ALU, a store, a branch). {@link #main} measures for a few seconds
 * and prints MIPS; the test runs it briefly, prints, and checks only the
 * result, never the time.
 */
class HartSpeedTest {

    /** The loop: 8 instructions an iteration, iterations in a0 on entry; result in a1. */
    static Asm loop(boolean compressed) {
        Asm a = new Asm();
        a.emit(lui(S0, (int) (Bench.DATA >>> 12)));            // s0 = data
        a.emit(opImm("addi", A1, ZERO, 0));                    // a1 = 0
        int top = a.size();
        a.emit(opImm("andi", T0, A0, 0xf8));                    // t0 = (i & 31) * 8
        a.emit(op("add", T0, T0, S0));
        a.emit(load(3, T1, T0, 0));                             // t1 = data[t0]
        a.emit(op("add", A1, A1, T1));
        a.emit(op("xor", A1, A1, A0));
        a.emit(store(3, A1, T0, 0));                            // data[t0] = a1
        if (compressed) {
            a.emit16(ci(0, A0, -1, 1));                         // c.addi a0, -1
            a.emit16(cBranch(7, A0, top - a.size()));           // c.bnez a0, top
        } else {
            a.emit(opImm("addi", A0, A0, -1));
            a.emit(branch(1, A0, ZERO, top - a.size()));
        }
        a.emit(ECALL);
        return a;
    }

    /** MIPS of one run: by the wall clock, and by the thread's CPU time (less disturbed by other load). */
    static String measure(long iterations, boolean compressed) {
        Bench b = new Bench();
        b.hart.setX(A0, iterations);
        b.budget = Long.MAX_VALUE;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int cause = b.run(loop(compressed));
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        if (cause != Trap.ECALL) {
            throw new AssertionError(Trap.name(cause));
        }
        return String.format("%.0f MIPS (cpu time: %.0f)", b.hart.instret() / ((t1 - t0) / 1e3),
                b.hart.instret() / ((c1 - c0) / 1e3));
    }

    @Test
    void integerLoopRunsAndPrintsMips() {
        Bench b = new Bench();
        b.hart.setX(A0, 1000);
        assertEquals(Trap.ECALL, b.run(loop(true)));
        assertEquals(2 + 8 * 1000, b.hart.instret());
        for (int k = 0; k < 3; k++) {
            System.out.printf("riscv hart: %s integer loop, 4-byte code; %s compressed%n",
                    measure(2_000_000, false), measure(2_000_000, true));
        }
    }

    /** A floating-point loop: fadd, fmul, fdiv, fmadd on doubles, 7 instructions an iteration. */
    static Asm fpLoop() {
        Asm a = new Asm();
        int top = a.size();
        a.emit(fp(0, 1, 1, 1, 2, 0));           // fadd.d f1, f1, f2
        a.emit(fp(2, 1, 3, 1, 2, 0));           // fmul.d f3, f1, f2
        a.emit(fp(3, 1, 4, 3, 1, 0));           // fdiv.d f4, f3, f1
        a.emit(fma(0x43, 1, 5, 4, 2, 5, 0));    // fmadd.d f5, f4, f2, f5
        a.emit(fp(0, 1, 6, 5, 2, 0));           // fadd.d f6, f5, f2
        a.emit(opImm("addi", A0, A0, -1));
        a.emit(branch(1, A0, ZERO, top - a.size()));
        a.emit(ECALL);
        return a;
    }

    static String measureFp(long iterations) {
        Bench b = new Bench();
        b.hart.setX(A0, iterations);
        b.hart.setF(1, Double.doubleToRawLongBits(1.5));
        b.hart.setF(2, Double.doubleToRawLongBits(1.0 / 3));
        b.hart.setF(5, Double.doubleToRawLongBits(0.25));
        b.budget = Long.MAX_VALUE;
        long t0 = System.nanoTime();
        int cause = b.run(fpLoop());
        long t1 = System.nanoTime();
        if (cause != Trap.ECALL) {
            throw new AssertionError(Trap.name(cause));
        }
        return String.format("%.0f MIPS", b.hart.instret() / ((t1 - t0) / 1e3));
    }

    /** The same loop run in quanta of {@code quantum} instructions, as a scheduler would. */
    static String measureInQuanta(long iterations, long quantum) {
        Bench b = new Bench();
        b.hart.setX(A0, iterations);
        b.mmu.write(Bench.CODE, loop(false).bytes());
        b.hart.setPc(Bench.CODE);
        long t0 = System.nanoTime();
        int cause;
        do {
            cause = b.hart.run(quantum);
        } while (cause == Trap.BUDGET);
        long t1 = System.nanoTime();
        if (cause != Trap.ECALL) {
            throw new AssertionError(Trap.name(cause));
        }
        return String.format("%.0f MIPS", b.hart.instret() / ((t1 - t0) / 1e3));
    }

    public static void main(String[] args) {
        for (int k = 0; k < 4; k++) {
            System.out.printf("riscv hart: %s floating-point loop (fadd, fmul, fdiv, fmadd)%n", measureFp(2_000_000));
        }
        for (int k = 0; k < 4; k++) {
            System.out.printf("riscv hart: %s in quanta of 10000 instructions, %s in quanta of 1000%n",
                    measureInQuanta(20_000_000, 10_000), measureInQuanta(20_000_000, 1_000));
        }
        for (int k = 0; k < 8; k++) {
            System.out.printf("riscv hart: %s integer loop, 4-byte code; %s compressed%n",
                    measure(50_000_000, false), measure(50_000_000, true));
        }
    }
}
