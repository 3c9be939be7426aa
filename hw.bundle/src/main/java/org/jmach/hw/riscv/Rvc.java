package org.jmach.hw.riscv;

/**
 * The C extension (RV64C) as a table: each 16-bit instruction expands to the
 * 32-bit instruction it stands for, which the hart then runs; reserved and
 * illegal encodings expand to {@link #ILLEGAL}. The table is
 * built once, so a compressed instruction costs the hart one array load.
 */
final class Rvc {

    /** What an illegal parcel expands to: opcode 11111, which no extension the hart has uses. */
    static final int ILLEGAL = -1;

    /** Expansion of every 16-bit parcel; entries whose low bits are 11 are unused. */
    static final int[] EXPANSION = new int[1 << 16];

    static {
        for (int c = 0; c < EXPANSION.length; c++) {
            int e = (c & 3) == 3 ? 0 : expand(c);
            EXPANSION[c] = e == 0 ? ILLEGAL : e;
        }
    }

    private Rvc() {
    }

    private static int bit(int c, int from, int to) {
        return ((c >>> from) & 1) << to;
    }

    private static int bits(int c, int hi, int lo) {
        return (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int signExtend(int value, int width) {
        return value << (32 - width) >> (32 - width);
    }

    static int r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int i(int imm, int rs1, int funct3, int rd, int opcode) {
        return (imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int s(int imm, int rs2, int rs1, int funct3, int opcode) {
        return (imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 0x1f) << 7 | opcode;
    }

    static int b(int imm, int rs2, int rs1, int funct3) {
        return (imm >> 12 & 1) << 31 | (imm >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | (imm >> 1 & 0xf) << 8 | (imm >> 11 & 1) << 7 | 0x63;
    }

    static int j(int imm, int rd) {
        return (imm >> 20 & 1) << 31 | (imm >> 1 & 0x3ff) << 21 | (imm >> 11 & 1) << 20
                | (imm >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
    }

    /** The 32-bit expansion of {@code c}, or 0 if it is reserved or illegal. */
    static int expand(int c) {
        int funct3 = bits(c, 15, 13);
        int rd = bits(c, 11, 7);
        int rs2 = bits(c, 6, 2);
        int rdp = bits(c, 4, 2) + 8;
        int rs1p = bits(c, 9, 7) + 8;
        int imm6 = signExtend(bit(c, 12, 5) | bits(c, 6, 2), 6);
        int uimmD = bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;
        int uimmW = bits(c, 12, 10) << 3 | bit(c, 6, 2) | bit(c, 5, 6);
        switch ((c & 3) << 3 | funct3) {
            case 0: { // c.addi4spn
                int nzuimm = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bit(c, 6, 2) | bit(c, 5, 3);
                return nzuimm == 0 ? 0 : i(nzuimm, 2, 0, rdp, 0x13);
            }
            case 1: return i(uimmD, rs1p, 3, rdp, 0x07);  // c.fld
            case 2: return i(uimmW, rs1p, 2, rdp, 0x03);  // c.lw
            case 3: return i(uimmD, rs1p, 3, rdp, 0x03);  // c.ld
            case 5: return s(uimmD, rdp, rs1p, 3, 0x27);  // c.fsd
            case 6: return s(uimmW, rdp, rs1p, 2, 0x23);  // c.sw
            case 7: return s(uimmD, rdp, rs1p, 3, 0x23);  // c.sd
            case 8: return i(imm6, rd, 0, rd, 0x13);      // c.addi, c.nop
            case 9: return rd == 0 ? 0 : i(imm6, rd, 0, rd, 0x1b); // c.addiw
            case 10: return i(imm6, 0, 0, rd, 0x13);      // c.li
            case 11: {
                if (rd == 2) { // c.addi16sp
                    int imm = signExtend(bit(c, 12, 9) | bit(c, 6, 4) | bit(c, 5, 6)
                            | bits(c, 4, 3) << 7 | bit(c, 2, 5), 10);
                    return imm == 0 ? 0 : i(imm, 2, 0, 2, 0x13);
                }
                return imm6 == 0 ? 0 : (imm6 << 12) | rd << 7 | 0x37; // c.lui
            }
            case 12: return miscAlu(c, rs1p, rdp, imm6);
            case 13: // c.j
                return j(signExtend(bit(c, 12, 11) | bit(c, 11, 4) | bits(c, 10, 9) << 8 | bit(c, 8, 10)
                        | bit(c, 7, 6) | bit(c, 6, 7) | bits(c, 5, 3) << 1 | bit(c, 2, 5), 12), 0);
            case 14: case 15: { // c.beqz, c.bnez
                int imm = signExtend(bit(c, 12, 8) | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6
                        | bits(c, 4, 3) << 1 | bit(c, 2, 5), 9);
                return b(imm, 0, rs1p, funct3 & 1);
            }
            case 16: return r(bit(c, 12, 0), rs2, rd, 1, rd, 0x13); // c.slli (shamt[5] lands in funct6's low bit)
            case 17: return i(bit(c, 12, 5) | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6, 2, 3, rd, 0x07); // c.fldsp
            case 18: // c.lwsp
                return rd == 0 ? 0 : i(bit(c, 12, 5) | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6, 2, 2, rd, 0x03);
            case 19: // c.ldsp
                return rd == 0 ? 0 : i(bit(c, 12, 5) | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6, 2, 3, rd, 0x03);
            case 20: return jumpOrAdd(c, rd, rs2);
            case 21: return s(bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6, rs2, 2, 3, 0x27); // c.fsdsp
            case 22: return s(bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6, rs2, 2, 2, 0x23);  // c.swsp
            case 23: return s(bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6, rs2, 2, 3, 0x23); // c.sdsp
            default: return 0; // quadrant 0 funct3 100: reserved
        }
    }

    private static int miscAlu(int c, int rs1p, int rs2p, int imm6) {
        int shamt = bit(c, 12, 5) | bits(c, 6, 2);
        switch (bits(c, 11, 10)) {
            case 0: return i(shamt, rs1p, 5, rs1p, 0x13);          // c.srli
            case 1: return i(0x400 | shamt, rs1p, 5, rs1p, 0x13);  // c.srai
            case 2: return i(imm6, rs1p, 7, rs1p, 0x13);           // c.andi
            default:
                switch (bit(c, 12, 2) | bits(c, 6, 5)) {
                    case 0: return r(0x20, rs2p, rs1p, 0, rs1p, 0x33); // c.sub
                    case 1: return r(0, rs2p, rs1p, 4, rs1p, 0x33);    // c.xor
                    case 2: return r(0, rs2p, rs1p, 6, rs1p, 0x33);    // c.or
                    case 3: return r(0, rs2p, rs1p, 7, rs1p, 0x33);    // c.and
                    case 4: return r(0x20, rs2p, rs1p, 0, rs1p, 0x3b); // c.subw
                    case 5: return r(0, rs2p, rs1p, 0, rs1p, 0x3b);    // c.addw
                    default: return 0;
                }
        }
    }

    private static int jumpOrAdd(int c, int rd, int rs2) {
        if (bit(c, 12, 0) == 0) {
            if (rs2 != 0) {
                return r(0, rs2, 0, 0, rd, 0x33);          // c.mv
            }
            return rd == 0 ? 0 : i(0, rd, 0, 0, 0x67);     // c.jr
        }
        if (rs2 != 0) {
            return r(0, rs2, rd, 0, rd, 0x33);             // c.add
        }
        return rd == 0 ? 0x00100073 : i(0, rd, 0, 1, 0x67); // c.ebreak, c.jalr
    }
}
