package org.jmach.hw.riscv;

import java.io.ByteArrayOutputStream;

/**
 * A tiny RISC-V assembler for the tests: encoders for the 32-bit formats
 * (R, I, S, B, U, J, R4) and the compressed ones, written from the ISA manual
 * independently of the hart's decoder, and a buffer that collects the
 * instructions of a program.
 */
final class Asm {

    // registers by ABI name
    static final int ZERO = 0, RA = 1, SP = 2, GP = 3, TP = 4, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9;
    static final int A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17;
    static final int T3 = 28, T4 = 29, T5 = 30, T6 = 31;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Bytes emitted so far (the offset of the next instruction). */
    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Emits a 32-bit instruction. */
    Asm emit(int insn) {
        for (int k = 0; k < 4; k++) {
            out.write(insn >>> (8 * k));
        }
        return this;
    }

    /** Emits a 16-bit instruction. */
    Asm emit16(int insn) {
        out.write(insn);
        out.write(insn >>> 8);
        return this;
    }

    // ---- formats ----

    static int rType(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int iType(int imm, int rs1, int funct3, int rd, int opcode) {
        return imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int sType(int imm, int rs2, int rs1, int funct3, int opcode) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 31) << 7 | opcode;
    }

    static int bType(int offset, int rs2, int rs1, int funct3) {
        int imm = ((offset >> 12) & 1) << 31 | ((offset >> 5) & 63) << 25 | ((offset >> 1) & 15) << 8
                | ((offset >> 11) & 1) << 7;
        return imm | rs2 << 20 | rs1 << 15 | funct3 << 12 | 0x63;
    }

    static int uType(int imm20, int rd, int opcode) {
        return imm20 << 12 | rd << 7 | opcode;
    }

    static int jType(int offset, int rd) {
        int imm = ((offset >> 20) & 1) << 31 | ((offset >> 1) & 0x3ff) << 21 | ((offset >> 11) & 1) << 20
                | ((offset >> 12) & 0xff) << 12;
        return imm | rd << 7 | 0x6f;
    }

    static int r4Type(int rs3, int fmt, int rs2, int rs1, int rm, int rd, int opcode) {
        return rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | opcode;
    }

    // ---- RV64I ----

    static int op(String name, int rd, int rs1, int rs2) {
        int[] e = switch (name) {
            case "add" -> new int[] {0, 0, 0x33}; case "sub" -> new int[] {0x20, 0, 0x33};
            case "sll" -> new int[] {0, 1, 0x33}; case "slt" -> new int[] {0, 2, 0x33};
            case "sltu" -> new int[] {0, 3, 0x33}; case "xor" -> new int[] {0, 4, 0x33};
            case "srl" -> new int[] {0, 5, 0x33}; case "sra" -> new int[] {0x20, 5, 0x33};
            case "or" -> new int[] {0, 6, 0x33}; case "and" -> new int[] {0, 7, 0x33};
            case "addw" -> new int[] {0, 0, 0x3b}; case "subw" -> new int[] {0x20, 0, 0x3b};
            case "sllw" -> new int[] {0, 1, 0x3b}; case "srlw" -> new int[] {0, 5, 0x3b};
            case "sraw" -> new int[] {0x20, 5, 0x3b};
            case "mul" -> new int[] {1, 0, 0x33}; case "mulh" -> new int[] {1, 1, 0x33};
            case "mulhsu" -> new int[] {1, 2, 0x33}; case "mulhu" -> new int[] {1, 3, 0x33};
            case "div" -> new int[] {1, 4, 0x33}; case "divu" -> new int[] {1, 5, 0x33};
            case "rem" -> new int[] {1, 6, 0x33}; case "remu" -> new int[] {1, 7, 0x33};
            case "mulw" -> new int[] {1, 0, 0x3b}; case "divw" -> new int[] {1, 4, 0x3b};
            case "divuw" -> new int[] {1, 5, 0x3b}; case "remw" -> new int[] {1, 6, 0x3b};
            case "remuw" -> new int[] {1, 7, 0x3b};
            default -> throw new IllegalArgumentException(name);
        };
        return rType(e[0], rs2, rs1, e[1], rd, e[2]);
    }

    static int opImm(String name, int rd, int rs1, int imm) {
        return switch (name) {
            case "addi" -> iType(imm & 0xfff, rs1, 0, rd, 0x13);
            case "slti" -> iType(imm & 0xfff, rs1, 2, rd, 0x13);
            case "sltiu" -> iType(imm & 0xfff, rs1, 3, rd, 0x13);
            case "xori" -> iType(imm & 0xfff, rs1, 4, rd, 0x13);
            case "ori" -> iType(imm & 0xfff, rs1, 6, rd, 0x13);
            case "andi" -> iType(imm & 0xfff, rs1, 7, rd, 0x13);
            case "slli" -> iType(imm & 63, rs1, 1, rd, 0x13);
            case "srli" -> iType(imm & 63, rs1, 5, rd, 0x13);
            case "srai" -> iType(0x400 | (imm & 63), rs1, 5, rd, 0x13);
            case "addiw" -> iType(imm & 0xfff, rs1, 0, rd, 0x1b);
            case "slliw" -> iType(imm & 31, rs1, 1, rd, 0x1b);
            case "srliw" -> iType(imm & 31, rs1, 5, rd, 0x1b);
            case "sraiw" -> iType(0x400 | (imm & 31), rs1, 5, rd, 0x1b);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Loads: lb lh lw ld lbu lhu lwu (funct3 0..6). */
    static int load(int funct3, int rd, int rs1, int offset) {
        return iType(offset & 0xfff, rs1, funct3, rd, 0x03);
    }

    /** Stores: sb sh sw sd (funct3 0..3). */
    static int store(int funct3, int rs2, int rs1, int offset) {
        return sType(offset, rs2, rs1, funct3, 0x23);
    }

    static int branch(int funct3, int rs1, int rs2, int offset) {
        return bType(offset, rs2, rs1, funct3);
    }

    static int lui(int rd, int imm20) {
        return uType(imm20 & 0xfffff, rd, 0x37);
    }

    static int auipc(int rd, int imm20) {
        return uType(imm20 & 0xfffff, rd, 0x17);
    }

    static int jal(int rd, int offset) {
        return jType(offset, rd);
    }

    static int jalr(int rd, int rs1, int offset) {
        return iType(offset & 0xfff, rs1, 0, rd, 0x67);
    }

    static final int ECALL = 0x00000073;
    static final int EBREAK = 0x00100073;
    static final int FENCE = 0x0ff0000f;
    static final int FENCE_I = 0x0000100f;

    /** csrrw (1), csrrs (2), csrrc (3), and the immediate forms (5..7, rs1 is the immediate). */
    static int csr(int funct3, int rd, int csr, int rs1) {
        return iType(csr, rs1, funct3, rd, 0x73);
    }

    // ---- A ----

    /** An AMO: funct5 as the manual lists it, width 2 (.w) or 3 (.d). */
    static int amo(int funct5, int width, int rd, int rs1, int rs2) {
        return rType(funct5 << 2 | 3, rs2, rs1, width, rd, 0x2f); // aq and rl set: accepted
    }

    // ---- F and D (fmt 0 = S, 1 = D) ----

    static int flw(int rd, int rs1, int offset) {
        return iType(offset & 0xfff, rs1, 2, rd, 0x07);
    }

    static int fld(int rd, int rs1, int offset) {
        return iType(offset & 0xfff, rs1, 3, rd, 0x07);
    }

    static int fsw(int rs2, int rs1, int offset) {
        return sType(offset, rs2, rs1, 2, 0x27);
    }

    static int fsd(int rs2, int rs1, int offset) {
        return sType(offset, rs2, rs1, 3, 0x27);
    }

    /** OP-FP with funct5 (fadd 0, fsub 1, fmul 2, fdiv 3, fsgnj 4, fminmax 5, fcvt.f.f 8, fsqrt 11, fcmp 20, fcvt.x.f 24, fcvt.f.x 26, fmv.x/fclass 28, fmv.f.x 30). */
    static int fp(int funct5, int fmt, int rd, int rs1, int rs2, int rm) {
        return rType(funct5 << 2 | fmt, rs2, rs1, rm, rd, 0x53);
    }

    /** fmadd (0x43), fmsub (0x47), fnmsub (0x4b), fnmadd (0x4f). */
    static int fma(int opcode, int fmt, int rd, int rs1, int rs2, int rs3, int rm) {
        return r4Type(rs3, fmt, rs2, rs1, rm, rd, opcode);
    }

    // ---- C ----

    private static int bits(int v, int hi, int lo, int to) {
        return ((v >>> lo) & ((1 << (hi - lo + 1)) - 1)) << to;
    }

    /** CR: funct4 rd/rs1 rs2 op. */
    static int cr(int funct4, int rdRs1, int rs2, int op) {
        return funct4 << 12 | rdRs1 << 7 | rs2 << 2 | op;
    }

    /** CI with a 6-bit immediate split imm[5] | imm[4:0]. */
    static int ci(int funct3, int rd, int imm6, int op) {
        return funct3 << 13 | bits(imm6, 5, 5, 12) | rd << 7 | bits(imm6, 4, 0, 2) | op;
    }

    static int cAddi4spn(int rdp, int nzuimm) {
        return bits(nzuimm, 5, 4, 11) | bits(nzuimm, 9, 6, 7) | bits(nzuimm, 2, 2, 6) | bits(nzuimm, 3, 3, 5)
                | (rdp - 8) << 2;
    }

    /** c.lw (funct3 2), c.sw (6): word offsets. */
    static int clsW(int funct3, int rp, int rs1p, int offset) {
        return funct3 << 13 | bits(offset, 5, 3, 10) | (rs1p - 8) << 7 | bits(offset, 2, 2, 6)
                | bits(offset, 6, 6, 5) | (rp - 8) << 2;
    }

    /** c.fld (1), c.ld (3), c.fsd (5), c.sd (7): doubleword offsets. */
    static int clsD(int funct3, int rp, int rs1p, int offset) {
        return funct3 << 13 | bits(offset, 5, 3, 10) | (rs1p - 8) << 7 | bits(offset, 7, 6, 5) | (rp - 8) << 2;
    }

    static int cAddi16sp(int imm) {
        return 3 << 13 | bits(imm, 9, 9, 12) | 2 << 7 | bits(imm, 4, 4, 6) | bits(imm, 6, 6, 5)
                | bits(imm, 8, 7, 3) | bits(imm, 5, 5, 2) | 1;
    }

    static int cLui(int rd, int imm6) {
        return ci(3, rd, imm6, 1);
    }

    /** c.srli (0), c.srai (1), c.andi (2) on rs1'. */
    static int cShiftAndi(int funct2, int rdp, int imm6) {
        return 4 << 13 | bits(imm6, 5, 5, 12) | funct2 << 10 | (rdp - 8) << 7 | bits(imm6, 4, 0, 2) | 1;
    }

    /** c.sub (0), c.xor (1), c.or (2), c.and (3), c.subw (4), c.addw (5). */
    static int ca(int which, int rdp, int rs2p) {
        return 4 << 13 | (which >> 2) << 12 | 3 << 10 | (rdp - 8) << 7 | (which & 3) << 5 | (rs2p - 8) << 2 | 1;
    }

    static int cJ(int offset) {
        return 5 << 13 | bits(offset, 11, 11, 12) | bits(offset, 4, 4, 11) | bits(offset, 9, 8, 9)
                | bits(offset, 10, 10, 8) | bits(offset, 6, 6, 7) | bits(offset, 7, 7, 6) | bits(offset, 3, 1, 3)
                | bits(offset, 5, 5, 2) | 1;
    }

    /** c.beqz (6), c.bnez (7). */
    static int cBranch(int funct3, int rs1p, int offset) {
        return funct3 << 13 | bits(offset, 8, 8, 12) | bits(offset, 4, 3, 10) | (rs1p - 8) << 7
                | bits(offset, 7, 6, 5) | bits(offset, 2, 1, 3) | bits(offset, 5, 5, 2) | 1;
    }

    static int cLwsp(int rd, int offset) {
        return 2 << 13 | bits(offset, 5, 5, 12) | rd << 7 | bits(offset, 4, 2, 4) | bits(offset, 7, 6, 2) | 2;
    }

    /** c.fldsp (1), c.ldsp (3). */
    static int cLdsp(int funct3, int rd, int offset) {
        return funct3 << 13 | bits(offset, 5, 5, 12) | rd << 7 | bits(offset, 4, 3, 5) | bits(offset, 8, 6, 2) | 2;
    }

    static int cSwsp(int rs2, int offset) {
        return 6 << 13 | bits(offset, 5, 2, 9) | bits(offset, 7, 6, 7) | rs2 << 2 | 2;
    }

    /** c.fsdsp (5), c.sdsp (7). */
    static int cSdsp(int funct3, int rs2, int offset) {
        return funct3 << 13 | bits(offset, 5, 3, 10) | bits(offset, 8, 6, 7) | rs2 << 2 | 2;
    }
}
