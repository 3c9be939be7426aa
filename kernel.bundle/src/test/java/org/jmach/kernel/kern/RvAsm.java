package org.jmach.kernel.kern;

import java.io.ByteArrayOutputStream;

/**
 * A tiny RV64I assembler for kernel tests, written from the ISA manual's
 * instruction formats: enough to write programs that compute, loop, trap
 * and call the kernel. Labels are byte offsets from the start
 * ({@link #here()}); branches and jumps take the target offset.
 */
final class RvAsm {

    static final int ZERO = 0, RA = 1, SP = 2, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9,
            A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int here() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    RvAsm word(int w) {
        out.write(w);
        out.write(w >>> 8);
        out.write(w >>> 16);
        out.write(w >>> 24);
        return this;
    }

    private RvAsm i(int opcode, int f3, int rd, int rs1, int imm) {
        return word((imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode);
    }

    private RvAsm r(int opcode, int f3, int f7, int rd, int rs1, int rs2) {
        return word(f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode);
    }

    private RvAsm s(int opcode, int f3, int rs1, int rs2, int imm) {
        return word((imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1f) << 7 | opcode);
    }

    private RvAsm b(int f3, int rs1, int rs2, int target) {
        int off = target - here();
        return word((off >> 12 & 1) << 31 | (off >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
                | (off >> 1 & 0xf) << 8 | (off >> 11 & 1) << 7 | 0x63);
    }

    RvAsm addi(int rd, int rs1, int imm) {
        return i(0x13, 0, rd, rs1, imm);
    }

    RvAsm add(int rd, int rs1, int rs2) {
        return r(0x33, 0, 0, rd, rs1, rs2);
    }

    RvAsm sub(int rd, int rs1, int rs2) {
        return r(0x33, 0, 0x20, rd, rs1, rs2);
    }

    RvAsm mul(int rd, int rs1, int rs2) {
        return r(0x33, 0, 1, rd, rs1, rs2);
    }

    RvAsm lui(int rd, int imm20) {
        return word(imm20 << 12 | rd << 7 | 0x37);
    }

    RvAsm auipc(int rd, int imm20) {
        return word(imm20 << 12 | rd << 7 | 0x17);
    }

    RvAsm ld(int rd, int rs1, int imm) {
        return i(0x03, 3, rd, rs1, imm);
    }

    RvAsm lw(int rd, int rs1, int imm) {
        return i(0x03, 2, rd, rs1, imm);
    }

    RvAsm lbu(int rd, int rs1, int imm) {
        return i(0x03, 4, rd, rs1, imm);
    }

    RvAsm sd(int rs2, int rs1, int imm) {
        return s(0x23, 3, rs1, rs2, imm);
    }

    RvAsm sw(int rs2, int rs1, int imm) {
        return s(0x23, 2, rs1, rs2, imm);
    }

    RvAsm sb(int rs2, int rs1, int imm) {
        return s(0x23, 0, rs1, rs2, imm);
    }

    RvAsm beq(int rs1, int rs2, int target) {
        return b(0, rs1, rs2, target);
    }

    RvAsm bne(int rs1, int rs2, int target) {
        return b(1, rs1, rs2, target);
    }

    RvAsm blt(int rs1, int rs2, int target) {
        return b(4, rs1, rs2, target);
    }

    RvAsm jal(int rd, int target) {
        int off = target - here();
        return word((off >> 20 & 1) << 31 | (off >> 1 & 0x3ff) << 21 | (off >> 11 & 1) << 20
                | (off >> 12 & 0xff) << 12 | rd << 7 | 0x6f);
    }

    /** jalr rd, imm(rs1): jumps to rs1 + imm, rd the return address. */
    RvAsm jalr(int rd, int rs1, int imm) {
        return i(0x67, 0, rd, rs1, imm);
    }

    RvAsm ecall() {
        return word(0x73);
    }

    RvAsm ebreak() {
        return word(0x100073);
    }

    /** Loads a 32-bit signed constant (lui + addi). */
    RvAsm li(int rd, int value) {
        int lo = value << 20 >> 20;
        int hi = (value - lo) >>> 12;
        if (hi != 0) {
            lui(rd, hi);
            return lo != 0 ? addi(rd, rd, lo) : this;
        }
        return addi(rd, ZERO, lo);
    }

    /** ecall with a7 = {@code number}. */
    RvAsm call(int number) {
        return li(A7, number).ecall();
    }
}
