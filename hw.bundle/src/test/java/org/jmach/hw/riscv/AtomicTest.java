package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A: LR/SC success and failure, every AMO in both widths, misaligned atomics. */
class AtomicTest {

    private static final int LR = 0x02, SC = 0x03, SWAP = 0x01, ADD = 0x00, XOR = 0x04, AND = 0x0c, OR = 0x08,
            MIN = 0x10, MAX = 0x14, MINU = 0x18, MAXU = 0x1c;

    private final Bench b = new Bench();

    {
        b.hart.setX(S0, Bench.DATA);
    }

    @Test
    void scAfterLrSucceedsAndStores() {
        b.mmu.writeLong(Bench.DATA, 41, 8);
        b.hart.setX(A1, 42);
        assertEquals(Trap.ECALL, b.run(amo(LR, 3, A0, S0, 0), amo(SC, 3, A2, S0, A1)));
        assertEquals(41, b.x(A0));
        assertEquals(0, b.x(A2));
        assertEquals(42, b.mmu.read(Bench.DATA, 8));
    }

    @Test
    void scWithoutReservationFailsAndDoesNotStore() {
        b.hart.setX(A1, 42);
        assertEquals(Trap.ECALL, b.run(amo(SC, 3, A2, S0, A1)));
        assertEquals(1, b.x(A2));
        assertEquals(0, b.mmu.read(Bench.DATA, 8));
    }

    @Test
    void scFailsWhenTheWordChangedSinceLr() {
        b.hart.setX(A1, 42);
        b.hart.setX(A3, 7);
        assertEquals(Trap.ECALL, b.run(amo(LR, 2, A0, S0, 0), store(2, A3, S0, 0), amo(SC, 2, A2, S0, A1)));
        assertEquals(1, b.x(A2));
        assertEquals(7, b.mmu.read(Bench.DATA, 4));
    }

    @Test
    void scToAnotherAddressOrWidthFailsAndASecondScFails() {
        b.hart.setX(A1, 42);
        b.hart.setX(S1, Bench.DATA + 8);
        assertEquals(Trap.ECALL, b.run(amo(LR, 3, A0, S0, 0), amo(SC, 3, A2, S1, A1),
                amo(LR, 3, A0, S0, 0), amo(SC, 2, A3, S0, A1),
                amo(LR, 2, A0, S0, 0), amo(SC, 2, A4, S0, A1), amo(SC, 2, A5, S0, A1)));
        assertEquals(1, b.x(A2));
        assertEquals(1, b.x(A3));
        assertEquals(0, b.x(A4));
        assertEquals(1, b.x(A5));
    }

    @Test
    void lrWordSignExtends() {
        b.mmu.writeLong(Bench.DATA, 0x80000000L, 4);
        assertEquals(Trap.ECALL, b.run(amo(LR, 2, A0, S0, 0)));
        assertEquals(0xffffffff80000000L, b.x(A0));
    }

    private void checkAmo(int funct5, int width, long memory, long operand, long expectedMemory) {
        b.mmu.writeLong(Bench.DATA, memory, 8);
        b.hart.setX(A1, operand);
        assertEquals(Trap.ECALL, b.run(amo(funct5, width, A0, S0, A1)));
        long old = width == 2 ? (long) (int) memory : memory;
        assertEquals(old, b.x(A0), "old value, funct5 " + funct5);
        long mask = width == 2 ? 0xffffffffL : -1L;
        assertEquals(expectedMemory & mask, b.mmu.read(Bench.DATA, 8) & mask, "memory, funct5 " + funct5);
        if (width == 2) {
            assertEquals(memory >>> 32, b.mmu.read(Bench.DATA + 4, 4), "the next word is untouched");
        }
    }

    @Test
    void everyAmoDoubleword() {
        checkAmo(SWAP, 3, 5, -9, -9);
        checkAmo(ADD, 3, Long.MAX_VALUE, 1, Long.MIN_VALUE);
        checkAmo(XOR, 3, 0b1100, 0b1010, 0b0110);
        checkAmo(AND, 3, 0b1100, 0b1010, 0b1000);
        checkAmo(OR, 3, 0b1100, 0b1010, 0b1110);
        checkAmo(MIN, 3, -1, 1, -1);
        checkAmo(MAX, 3, -1, 1, 1);
        checkAmo(MINU, 3, -1, 1, 1);
        checkAmo(MAXU, 3, -1, 1, -1);
    }

    @Test
    void everyAmoWord() {
        long high = 0x5555555500000000L;
        checkAmo(SWAP, 2, high | 5, -9, -9);
        checkAmo(ADD, 2, high | 0x7fffffffL, 1, 0x80000000L);
        checkAmo(XOR, 2, high | 0b1100, 0b1010, 0b0110);
        checkAmo(AND, 2, high | 0b1100, 0b1010, 0b1000);
        checkAmo(OR, 2, high | 0b1100, 0b1010, 0b1110);
        checkAmo(MIN, 2, high | 0xffffffffL, 1, 0xffffffffL);
        checkAmo(MAX, 2, high | 0xffffffffL, 1, 1);
        checkAmo(MINU, 2, high | 0xffffffffL, 1, 1);
        checkAmo(MAXU, 2, high | 0xffffffffL, 1, 0xffffffffL);
        checkAmo(MIN, 2, 0x80000000L, 0x7fffffffL, 0x80000000L);
        checkAmo(MAXU, 2, 0x80000000L, 0x7fffffffL, 0x80000000L);
    }

    @Test
    void twoHartsOnTwoThreadsCountWithoutLosingUpdates() throws Exception {
        int n = 50_000;
        Asm a = new Asm();
        a.emit(lui(S0, (int) (Bench.DATA >>> 12)));
        a.emit(opImm("addi", S1, S0, 8));
        a.emit(lui(T0, n >>> 12)).emit(opImm("addiw", T0, T0, n & 0xfff));
        a.emit(opImm("addi", T1, ZERO, 1));
        int loop = a.size();
        a.emit(amo(ADD, 3, ZERO, S0, T1));                 // amoadd.d zero, t1, (s0)
        int retry = a.size();
        a.emit(amo(LR, 3, T2, S1, 0));                     // lr.d t2, (s1)
        a.emit(opImm("addi", T2, T2, 1));
        a.emit(amo(SC, 3, T3, S1, T2));                    // sc.d t3, t2, (s1)
        a.emit(branch(1, T3, ZERO, retry - a.size()));
        a.emit(opImm("addi", T0, T0, -1));
        a.emit(branch(1, T0, ZERO, loop - a.size()));
        a.emit(ECALL);
        b.mmu.write(Bench.CODE, a.bytes());
        Hart other = new Hart(b.mmu);
        Thread t = new Thread(() -> {
            other.setPc(Bench.CODE);
            other.run(Long.MAX_VALUE);
        });
        t.start();
        b.hart.setPc(Bench.CODE);
        assertEquals(Trap.ECALL, b.hart.run(Long.MAX_VALUE));
        t.join();
        assertEquals(2L * n, b.mmu.read(Bench.DATA, 8), "amoadd");
        assertEquals(2L * n, b.mmu.read(Bench.DATA + 8, 8), "lr/sc");
    }

    @Test
    void misalignedAtomicsTrapWithTheAddress() {
        b.hart.setX(S1, Bench.DATA + 4);
        assertEquals(Trap.STORE_MISALIGNED, b.run(amo(ADD, 3, A0, S1, A1)));
        assertEquals(Bench.DATA + 4, b.hart.tval());
        assertEquals(Bench.CODE, b.hart.pc());
        b.hart.setX(S1, Bench.DATA + 2);
        assertEquals(Trap.LOAD_MISALIGNED, b.run(amo(LR, 2, A0, S1, 0)));
        assertEquals(Bench.DATA + 2, b.hart.tval());
    }

    @Test
    void amoOnReadOnlyPageIsAStorePageFault() {
        b.mmu.protect(Bench.DATA, Mmu.READ);
        assertEquals(Trap.STORE_PAGE_FAULT, b.run(amo(ADD, 3, A0, S0, A1)));
        assertEquals(Bench.DATA, b.hart.tval());
    }

    @Test
    void reservedAndUnknownAmoEncodingsAreIllegal() {
        int lrWithRs2 = amo(LR, 3, A0, S0, A1);
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(lrWithRs2));
        assertEquals(lrWithRs2 & 0xffffffffL, b.hart.tval());
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(amo(0x05, 3, A0, S0, A1)));
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(amo(ADD, 1, A0, S0, A1)));
    }
}
