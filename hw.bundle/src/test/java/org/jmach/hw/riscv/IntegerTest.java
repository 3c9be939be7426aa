package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RV64I: the ALU, shifts, W forms, loads' extension, jumps and branches. */
class IntegerTest {

    private final Bench b = new Bench();

    private long alu(String name, long a, long c) {
        return b.alu(name, a, c);
    }

    private long imm(String name, long a, int imm) {
        return b.imm(name, a, imm);
    }

    @Test
    void addAndSubWrapAround() {
        assertEquals(Long.MIN_VALUE, alu("add", Long.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE, alu("sub", Long.MIN_VALUE, 1));
        assertEquals(-1, imm("addi", 0, -1));
        assertEquals(2047 + 5, imm("addi", 5, 2047));
        assertEquals(5 - 2048, imm("addi", 5, -2048));
    }

    @Test
    void setLessThanSignedAndUnsigned() {
        assertEquals(1, alu("slt", -1, 0));
        assertEquals(0, alu("sltu", -1, 0));
        assertEquals(1, alu("sltu", 0, -1));
        assertEquals(0, alu("slt", 5, 5));
        assertEquals(1, imm("sltiu", 5, -1)); // the immediate is sign-extended, then compared unsigned
        assertEquals(1, imm("slti", -5, -4));
        assertEquals(0, imm("sltiu", -1, -1));
    }

    @Test
    void logicalOps() {
        assertEquals(0xff00ff00ff00ff00L ^ 0x0ff00ff00ff00ff0L, alu("xor", 0xff00ff00ff00ff00L, 0x0ff00ff00ff00ff0L));
        assertEquals(0xfff0fff0fff0fff0L, alu("or", 0xff00ff00ff00ff00L, 0x0ff00ff00ff00ff0L));
        assertEquals(0x0f000f000f000f00L, alu("and", 0xff00ff00ff00ff00L, 0x0ff00ff00ff00ff0L));
        assertEquals(0xffffffffffffff0fL, imm("xori", 0xf0, -1));
        assertEquals(-1L, imm("ori", 0, -1));
        assertEquals(0x7ffL & 0x123456789L, imm("andi", 0x123456789L, 0x7ff));
    }

    @Test
    void shiftsUseSixBitsOfTheAmount() {
        assertEquals(Long.MIN_VALUE, alu("sll", 1, 63));
        assertEquals(1 << 1, alu("sll", 1, 65)); // amount mod 64
        assertEquals(1, alu("srl", Long.MIN_VALUE, 63));
        assertEquals(-1, alu("sra", Long.MIN_VALUE, 63));
        assertEquals(Long.MIN_VALUE >> 4, alu("sra", Long.MIN_VALUE, 64 + 4));
        assertEquals(Long.MIN_VALUE >>> 4, imm("srli", Long.MIN_VALUE, 4));
        assertEquals(-1, imm("srai", -16, 63));
        assertEquals(0x8000000000000000L, imm("slli", 1, 63));
    }

    @Test
    void wordOpsSignExtendTheirResult() {
        assertEquals(Integer.MIN_VALUE, alu("addw", Integer.MAX_VALUE, 1));
        assertEquals(Integer.MAX_VALUE, alu("subw", Integer.MIN_VALUE, 1));
        assertEquals(-2, alu("addw", 0x1_ffff_ffffL, 0xffff_ffffL)); // high halves ignored
        assertEquals(Integer.MIN_VALUE, alu("sllw", 1, 31));
        assertEquals(1 << 2, alu("sllw", 1, 34)); // amount mod 32
        assertEquals(1, alu("srlw", 0xffff_ffff_8000_0000L, 31));
        assertEquals(-1, alu("sraw", 0x8000_0000L, 31));
        assertEquals(0x7fff_ffffL, alu("srlw", -1, 1));
        assertEquals(-1, imm("addiw", 0xffff_ffffL, 0));
        assertEquals(Integer.MIN_VALUE, imm("slliw", 1, 31));
        assertEquals(0x0fff_ffffL, imm("srliw", -1, 4));
        assertEquals(-1, imm("sraiw", 0x8000_0000L, 31));
    }

    @Test
    void luiAndAuipc() {
        assertEquals(Trap.ECALL, b.run(lui(A0, 0x80000), auipc(A1, 1), lui(A2, 0x12345)));
        assertEquals(0xffffffff80000000L, b.x(A0));
        assertEquals(Bench.CODE + 4 + 0x1000, b.x(A1));
        assertEquals(0x12345000L, b.x(A2));
    }

    @Test
    void loadsSignOrZeroExtend() {
        b.mmu.writeLong(Bench.DATA, 0x8081828384858687L, 8);
        b.hart.setX(S0, Bench.DATA);
        assertEquals(Trap.ECALL, b.run(load(0, A0, S0, 0), load(1, A1, S0, 0), load(2, A2, S0, 0),
                load(3, A3, S0, 0), load(4, A4, S0, 0), load(5, A5, S0, 0), load(6, A6, S0, 0), load(0, A7, S0, 7)));
        assertEquals((byte) 0x87, b.x(A0));
        assertEquals((short) 0x8687, b.x(A1));
        assertEquals((int) 0x84858687, b.x(A2));
        assertEquals(0x8081828384858687L, b.x(A3));
        assertEquals(0x87, b.x(A4));
        assertEquals(0x8687, b.x(A5));
        assertEquals(0x84858687L, b.x(A6));
        assertEquals((byte) 0x80, b.x(A7));
    }

    @Test
    void storesWriteTheirWidthOnly() {
        b.hart.setX(S0, Bench.DATA);
        b.hart.setX(A0, 0x1122334455667788L);
        assertEquals(Trap.ECALL, b.run(store(0, A0, S0, 0), store(1, A0, S0, 8), store(2, A0, S0, 16),
                store(3, A0, S0, 24), store(3, A0, S0, -8 + 40)));
        assertEquals(0x88, b.mmu.read(Bench.DATA, 8));
        assertEquals(0x7788, b.mmu.read(Bench.DATA + 8, 8));
        assertEquals(0x55667788L, b.mmu.read(Bench.DATA + 16, 8));
        assertEquals(0x1122334455667788L, b.mmu.read(Bench.DATA + 24, 8));
        assertEquals(0x1122334455667788L, b.mmu.read(Bench.DATA + 32, 8));
    }

    @Test
    void registerZeroStaysZero() {
        assertEquals(Trap.ECALL, b.run(opImm("addi", ZERO, ZERO, 5), op("add", A0, ZERO, ZERO), lui(ZERO, 1)));
        assertEquals(0, b.x(ZERO));
        assertEquals(0, b.x(A0));
    }

    @Test
    void jalAndJalrLinkAndJalrClearsBitZero() {
        Asm a = new Asm();
        a.emit(jal(RA, 8));                      // 0: to 8
        a.emit(opImm("addi", A0, ZERO, 99));     // 4: skipped
        a.emit(auipc(T0, 0));                    // 8
        a.emit(jalr(A1, T0, 13));                // 12: to 8 + 13 & ~1 = 20
        a.emit(opImm("addi", A0, ZERO, 98));     // 16: skipped
        a.emit(ECALL);                           // 20
        assertEquals(Trap.ECALL, b.run(a));
        assertEquals(Bench.CODE + 4, b.x(RA));
        assertEquals(Bench.CODE + 16, b.x(A1));
        assertEquals(0, b.x(A0));
        assertEquals(Bench.CODE + 20, b.hart.pc());
    }

    @Test
    void jalrWithRdEqualRs1UsesTheOldValue() {
        b.hart.setX(T0, Bench.CODE + 8);
        assertEquals(Trap.ECALL, b.run(jalr(T0, T0, 0), opImm("addi", A0, ZERO, 1)));
        assertEquals(Bench.CODE + 4, b.x(T0));
        assertEquals(0, b.x(A0));
    }

    @Test
    void branchesCompareSignedAndUnsigned() {
        long[][] pairs = {{1, 1}, {-1, 1}, {1, -1}, {Long.MIN_VALUE, Long.MAX_VALUE}};
        int[] funct3 = {0, 1, 4, 5, 6, 7};
        for (long[] p : pairs) {
            for (int f3 : funct3) {
                b.hart.setX(A0, p[0]);
                b.hart.setX(A1, p[1]);
                b.hart.setX(A2, 0);
                assertEquals(Trap.ECALL, b.run(branch(f3, A0, A1, 8), opImm("addi", A2, ZERO, 1)));
                boolean taken = switch (f3) {
                    case 0 -> p[0] == p[1];
                    case 1 -> p[0] != p[1];
                    case 4 -> p[0] < p[1];
                    case 5 -> p[0] >= p[1];
                    case 6 -> Long.compareUnsigned(p[0], p[1]) < 0;
                    default -> Long.compareUnsigned(p[0], p[1]) >= 0;
                };
                assertEquals(taken ? 0 : 1, b.x(A2), "funct3 " + f3 + " on " + p[0] + ", " + p[1]);
            }
        }
    }

    @Test
    void backwardBranchLoops() {
        Asm a = new Asm();
        a.emit(opImm("addi", A0, ZERO, 10));
        a.emit(opImm("addi", A1, A1, 3));   // 4
        a.emit(opImm("addi", A0, A0, -1));
        a.emit(branch(1, A0, ZERO, -8));
        assertEquals(Trap.ECALL, b.run(a.emit(ECALL)));
        assertEquals(30, b.x(A1));
        assertEquals(1 + 3 * 10, b.hart.instret());
    }

    @Test
    void fencesAreAccepted() {
        assertEquals(Trap.ECALL, b.run(FENCE, FENCE_I, 0x0330000f /* fence rw,rw */));
    }
}
