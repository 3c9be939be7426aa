package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * C: every RV64C instruction has the same effect as its 32-bit expansion
 * (registers, memory, next pc — a link register gets pc + 2), and the
 * reserved encodings are illegal.
 */
class CompressedTest {

    /** A hart in a random but reproducible state, with sp and x8..x15 pointing into the data pages. */
    private static Bench bench() {
        Bench b = new Bench();
        Random random = new Random(99);
        for (int r = 1; r < 32; r++) {
            b.hart.setX(r, random.nextLong());
            b.hart.setF(r, Double.doubleToRawLongBits(random.nextGaussian()));
        }
        b.hart.setX(SP, Bench.DATA + 0x800);
        for (int r = 8; r < 16; r++) {
            b.hart.setX(r, Bench.DATA + 0x100 * (r - 8) + 8);
        }
        byte[] data = new byte[Bench.DATA_SIZE];
        random.nextBytes(data);
        b.mmu.write(Bench.DATA, data);
        return b;
    }

    private static void tweak(Bench b, int reg, long value) {
        b.hart.setX(reg, value);
    }

    /** Runs {@code c16} on one hart and {@code insn32} on another from the same state, and compares. */
    private static void same(int c16, int insn32, int link, long... regValue) {
        Bench compressed = bench();
        Bench full = bench();
        for (int k = 0; k < regValue.length; k += 2) {
            tweak(compressed, (int) regValue[k], regValue[k + 1]);
            tweak(full, (int) regValue[k], regValue[k + 1]);
        }
        compressed.mmu.write(Bench.CODE, new Asm().emit16(c16).bytes());
        full.mmu.write(Bench.CODE, new Asm().emit(insn32).bytes());
        compressed.hart.setPc(Bench.CODE);
        full.hart.setPc(Bench.CODE);
        int causeC = compressed.hart.step();
        int causeF = full.hart.step();
        String what = Integer.toHexString(c16) + " vs " + Integer.toHexString(insn32);
        assertEquals(causeF, causeC, what);
        long nextF = full.hart.pc() == Bench.CODE + 4 ? Bench.CODE + 2 : full.hart.pc();
        assertEquals(nextF, compressed.hart.pc(), "pc, " + what);
        for (int r = 0; r < 32; r++) {
            long expected = r == link && r != 0 ? Bench.CODE + 2 : full.hart.x(r);
            assertEquals(expected, compressed.hart.x(r), "x" + r + ", " + what);
            assertEquals(full.hart.f(r), compressed.hart.f(r), "f" + r + ", " + what);
        }
        for (long a = Bench.DATA; a < Bench.DATA + Bench.DATA_SIZE; a += 8) {
            assertEquals(full.mmu.read(a, 8), compressed.mmu.read(a, 8), "memory at " + Long.toHexString(a) + ", " + what);
        }
    }

    private static void same(int c16, int insn32) {
        same(c16, insn32, -1);
    }

    @Test
    void quadrantZeroLoadsStoresAndAddi4spn() {
        same(cAddi4spn(A0, 1020), opImm("addi", A0, SP, 1020));
        same(cAddi4spn(S0, 4), opImm("addi", S0, SP, 4));
        same(clsD(1, 10, 11, 248), fld(10, A1, 248));   // c.fld
        same(clsW(2, A2, A3, 124), load(2, A2, A3, 124)); // c.lw
        same(clsW(2, A2, A3, 4), load(2, A2, A3, 4));
        same(clsD(3, A4, A5, 248), load(3, A4, A5, 248)); // c.ld
        same(clsD(3, S1, S0, 8), load(3, S1, S0, 8));
        same(clsD(5, 8, 9, 16), fsd(8, S1, 16));          // c.fsd
        same(clsW(6, A0, A1, 64), store(2, A0, A1, 64));  // c.sw
        same(clsD(7, A2, A3, 248), store(3, A2, A3, 248)); // c.sd
    }

    @Test
    void quadrantOneArithmetic() {
        same(ci(0, 0, 0, 1), opImm("addi", ZERO, ZERO, 0));      // c.nop
        same(ci(0, T0, -32, 1), opImm("addi", T0, T0, -32));     // c.addi
        same(ci(0, T0, 31, 1), opImm("addi", T0, T0, 31));
        same(ci(1, T1, -1, 1), opImm("addiw", T1, T1, -1));      // c.addiw
        same(ci(1, T1, 0, 1), opImm("addiw", T1, T1, 0));        // sext.w
        same(ci(2, T2, -32, 1), opImm("addi", T2, ZERO, -32));   // c.li
        same(ci(2, T2, 17, 1), opImm("addi", T2, ZERO, 17));
        same(cAddi16sp(-512), opImm("addi", SP, SP, -512));
        same(cAddi16sp(496), opImm("addi", SP, SP, 496));
        same(cAddi16sp(16), opImm("addi", SP, SP, 16));
        same(cLui(S1, -1), lui(S1, 0xfffff));
        same(cLui(S1, 1), lui(S1, 1));
        same(cLui(A7, 31), lui(A7, 31));
        same(cShiftAndi(0, S0, 63), opImm("srli", S0, S0, 63));
        same(cShiftAndi(0, S0, 1), opImm("srli", S0, S0, 1));
        same(cShiftAndi(1, S1, 33), opImm("srai", S1, S1, 33));
        same(cShiftAndi(2, A0, -1), opImm("andi", A0, A0, -1));
        same(cShiftAndi(2, A0, 0x15), opImm("andi", A0, A0, 0x15));
        String[] names = {"sub", "xor", "or", "and", "subw", "addw"};
        for (int k = 0; k < names.length; k++) {
            same(ca(k, A1, A5), op(names[k], A1, A1, A5));
            same(ca(k, S0, S0), op(names[k], S0, S0, S0));
        }
    }

    @Test
    void quadrantOneJumpsAndBranches() {
        same(cJ(-2048), jal(ZERO, -2048));
        same(cJ(2046), jal(ZERO, 2046));
        same(cJ(0x2aa), jal(ZERO, 0x2aa));
        same(cJ(-0x556), jal(ZERO, -0x556));
        same(cBranch(6, S0, -256), branch(0, S0, ZERO, -256), -1, S0, 0);   // taken
        same(cBranch(6, S0, 254), branch(0, S0, ZERO, 254), -1, S0, 5);     // not taken
        same(cBranch(7, A5, 0xaa), branch(1, A5, ZERO, 0xaa), -1, A5, 5);   // taken
        same(cBranch(7, A5, -0xaa), branch(1, A5, ZERO, -0xaa), -1, A5, 0); // not taken
        same(cBranch(6, A2, 0x54), branch(0, A2, ZERO, 0x54), -1, A2, 0);
    }

    @Test
    void quadrantTwo() {
        same(ci(0, A1, 63, 2), opImm("slli", A1, A1, 63));       // c.slli
        same(ci(0, A1, 1, 2), opImm("slli", A1, A1, 1));
        same(cLdsp(1, 5, 504), fld(5, SP, 504));                 // c.fldsp
        same(cLwsp(T1, 252), load(2, T1, SP, 252));              // c.lwsp
        same(cLwsp(T1, 0x54), load(2, T1, SP, 0x54));
        same(cLdsp(3, T2, 504), load(3, T2, SP, 504));           // c.ldsp
        same(cLdsp(3, T2, 0x48), load(3, T2, SP, 0x48));
        same(cr(8, RA, 0, 2), jalr(ZERO, RA, 0), -1, RA, Bench.CODE + 0x124);  // c.jr
        same(cr(8, T0, T1, 2), op("add", T0, ZERO, T1));                      // c.mv
        same(cr(9, 0, 0, 2), EBREAK);                                        // c.ebreak
        same(cr(9, T0, 0, 2), jalr(RA, T0, 0), RA, T0, Bench.CODE - 0x88);    // c.jalr
        same(cr(9, RA, 0, 2), jalr(RA, RA, 0), RA, RA, Bench.CODE + 0x10);    // c.jalr ra: the old ra is the target
        same(cr(9, T0, T1, 2), op("add", T0, T0, T1));                       // c.add
        same(cSdsp(5, 7, 504), fsd(7, SP, 504));                             // c.fsdsp
        same(cSwsp(S0, 252), store(2, S0, SP, 252));                         // c.swsp
        same(cSdsp(7, S1, 504), store(3, S1, SP, 504));                      // c.sdsp
        same(cSdsp(7, S1, 0x48), store(3, S1, SP, 0x48));
    }

    @Test
    void hintsRunAsTheirExpansions() {
        same(ci(2, ZERO, 5, 1), opImm("addi", ZERO, ZERO, 5));   // c.li x0
        same(cr(8, ZERO, T1, 2), op("add", ZERO, ZERO, T1));     // c.mv x0
        same(ci(0, A1, 0, 2), opImm("slli", A1, A1, 0));         // c.slli64
        same(ci(0, T0, 0, 1), opImm("addi", T0, T0, 0));         // c.addi with 0
    }

    @Test
    void reservedEncodingsAreIllegal() {
        int[] illegal = {
            0x0000,              // all zeros
            cAddi4spn(S1, 0),    // c.addi4spn with nzuimm 0
            0x8000,              // quadrant 0, funct3 100
            0x9c01 | 2 << 5,     // c.subw's neighbours: 100 1 11 ... 10
            0x9c01 | 3 << 5,     // ... 11
            ci(1, ZERO, 5, 1),   // c.addiw x0
            cLui(T0, 0),         // c.lui with 0
            cAddi16sp(0),        // c.addi16sp with 0
            cLwsp(ZERO, 4),      // c.lwsp x0
            cLdsp(3, ZERO, 8),   // c.ldsp x0
            cr(8, ZERO, 0, 2),   // c.jr x0
        };
        for (int c : illegal) {
            Bench b = new Bench();
            assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(new Asm().emit16(c)), Integer.toHexString(c));
            assertEquals(c & 0xffff, b.hart.tval(), Integer.toHexString(c));
            assertEquals(2, b.hart.trapInstructionLength());
        }
    }

    @Test
    void mixedCompressedAndFullInstructionsRunAsAProgram() {
        // sum 1..10 with compressed code around a 32-bit add
        Asm a = new Asm();
        a.emit16(ci(2, A0, 10, 1));             // c.li a0, 10
        a.emit16(ci(2, A1, 0, 1));              // c.li a1, 0
        int top = a.size();
        a.emit(op("add", A1, A1, A0));          // add a1, a1, a0
        a.emit16(ci(0, A0, -1, 1));             // c.addi a0, -1
        a.emit16(cBranch(7, A0, top - a.size())); // c.bnez a0, top
        a.emit(ECALL);
        Bench b = new Bench();
        assertEquals(Trap.ECALL, b.run(a));
        assertEquals(55, b.x(A1));
    }
}
