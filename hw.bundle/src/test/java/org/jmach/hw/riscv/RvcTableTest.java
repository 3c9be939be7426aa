package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The whole C table, exhaustively: every encoding of every RV64C instruction,
 * over all its operands, made by the test assembler, expands to the 32-bit
 * instruction the assembler makes for its expansion; every 16-bit parcel
 * that no instruction encodes is illegal.
 */
class RvcTableTest {

    private final Map<Integer, Integer> expected = new HashMap<>();

    private void put(int c16, int insn32) {
        Integer old = expected.put(c16 & 0xffff, insn32);
        if (old != null && old != insn32) {
            throw new AssertionError("two expansions for " + Integer.toHexString(c16));
        }
    }

    @Test
    void everyParcelExpandsAsTheManualSaysOrIsIllegal() {
        for (int rp = 8; rp < 16; rp++) {
            for (int imm = 4; imm < 1024; imm += 4) {
                put(cAddi4spn(rp, imm), opImm("addi", rp, SP, imm));
            }
            for (int rs1p = 8; rs1p < 16; rs1p++) {
                for (int off = 0; off < 256; off += 8) {
                    put(clsD(1, rp, rs1p, off), fld(rp, rs1p, off));
                    put(clsD(3, rp, rs1p, off), load(3, rp, rs1p, off));
                    put(clsD(5, rp, rs1p, off), fsd(rp, rs1p, off));
                    put(clsD(7, rp, rs1p, off), store(3, rp, rs1p, off));
                }
                for (int off = 0; off < 128; off += 4) {
                    put(clsW(2, rp, rs1p, off), load(2, rp, rs1p, off));
                    put(clsW(6, rp, rs1p, off), store(2, rp, rs1p, off));
                }
                String[] names = {"sub", "xor", "or", "and", "subw", "addw"};
                for (int k = 0; k < names.length; k++) {
                    put(ca(k, rp, rs1p), op(names[k], rp, rp, rs1p));
                }
            }
            for (int imm = 0; imm < 64; imm++) {
                put(cShiftAndi(0, rp, imm), opImm("srli", rp, rp, imm));
                put(cShiftAndi(1, rp, imm), opImm("srai", rp, rp, imm));
                put(cShiftAndi(2, rp, imm - 32), opImm("andi", rp, rp, imm - 32));
            }
            for (int off = -256; off < 256; off += 2) {
                put(cBranch(6, rp, off), branch(0, rp, ZERO, off));
                put(cBranch(7, rp, off), branch(1, rp, ZERO, off));
            }
        }
        for (int rd = 0; rd < 32; rd++) {
            for (int imm = -32; imm < 32; imm++) {
                put(ci(0, rd, imm, 1), opImm("addi", rd, rd, imm));   // c.addi, c.nop, hints
                put(ci(2, rd, imm, 1), opImm("addi", rd, ZERO, imm)); // c.li
                if (rd != 0) {
                    put(ci(1, rd, imm, 1), opImm("addiw", rd, rd, imm));
                }
                if (rd != 2 && imm != 0) {
                    put(cLui(rd, imm), lui(rd, imm));
                }
            }
            for (int shamt = 0; shamt < 64; shamt++) {
                put(ci(0, rd, shamt, 2), opImm("slli", rd, rd, shamt));
            }
            for (int off = 0; off < 512; off += 8) {
                put(cLdsp(1, rd, off), fld(rd, SP, off));
                put(cSdsp(5, rd, off), fsd(rd, SP, off));
                put(cSdsp(7, rd, off), store(3, rd, SP, off));
                if (rd != 0) {
                    put(cLdsp(3, rd, off), load(3, rd, SP, off));
                }
            }
            for (int off = 0; off < 256; off += 4) {
                put(cSwsp(rd, off), store(2, rd, SP, off));
                if (rd != 0) {
                    put(cLwsp(rd, off), load(2, rd, SP, off));
                }
            }
            for (int rs2 = 1; rs2 < 32; rs2++) {
                put(cr(8, rd, rs2, 2), op("add", rd, ZERO, rs2)); // c.mv
                put(cr(9, rd, rs2, 2), op("add", rd, rd, rs2));   // c.add
            }
            if (rd != 0) {
                put(cr(8, rd, 0, 2), jalr(ZERO, rd, 0)); // c.jr
                put(cr(9, rd, 0, 2), jalr(RA, rd, 0));   // c.jalr
            }
        }
        put(cr(9, 0, 0, 2), EBREAK);
        for (int imm = -512; imm < 512; imm += 16) {
            if (imm != 0) {
                put(cAddi16sp(imm), opImm("addi", SP, SP, imm));
            }
        }
        for (int off = -2048; off < 2048; off += 2) {
            put(cJ(off), jal(ZERO, off));
        }
        int legal = 0;
        for (int c = 0; c < 1 << 16; c++) {
            if ((c & 3) == 3) {
                continue;
            }
            Integer insn = expected.get(c);
            if (insn == null) {
                assertEquals(Rvc.ILLEGAL, Rvc.EXPANSION[c], "parcel " + Integer.toHexString(c) + " should be illegal");
            } else {
                legal++;
                assertEquals(Integer.toHexString(insn), Integer.toHexString(Rvc.EXPANSION[c]), "parcel " + Integer.toHexString(c));
            }
        }
        assertEquals(expected.size(), legal);
    }
}
