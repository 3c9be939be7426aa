package org.jmach.hw.riscv;

/**
 * The F and D extensions of a {@link Hart}: decodes the OP-FP and fused
 * multiply-add instructions, reads and writes the f registers (NaN boxing:
 * a single read from a register that is not boxed is the canonical NaN, a
 * single written is boxed) and the x registers, checks the rounding mode
 * (a reserved one, in the field or in frm, is an illegal instruction) and
 * leaves the arithmetic to {@link SoftFloat}, whose flags are fflags.
 */
final class Fpu {

    private static final int S = SoftFloat.S;
    private static final int D = SoftFloat.D;
    private static final long BOX = 0xffffffff00000000L;

    /** The arithmetic, and fflags in its {@code flags}. */
    final SoftFloat math = new SoftFloat();
    int frm;
    private final long[] f;
    private final long[] x;

    Fpu(Hart hart) {
        this.f = hart.f;
        this.x = hart.x;
    }

    // ---- instructions ----

    /** The rounding mode an instruction's rm field names, or -1 if it names none (an illegal instruction). */
    private int roundingMode(int field) {
        int rm = field == 7 ? frm : field;
        return rm <= SoftFloat.RMM ? rm : -1;
    }

    /** Source operand: a single not properly NaN-boxed reads as the canonical NaN. */
    private long read(int r, int fmt) {
        long v = f[r];
        if (fmt == D) {
            return v;
        }
        return (v & BOX) == BOX ? v & 0xffffffffL : SoftFloat.canonicalNaN(S);
    }

    private void write(int r, int fmt, long bits) {
        f[r] = fmt == D ? bits : BOX | (bits & 0xffffffffL);
    }

    /** Runs one F/D instruction of major opcode MADD..OP-FP; false if it is illegal (nothing changed). */
    boolean execute(int insn) {
        int op = (insn >>> 2) & 31;
        int rd = (insn >>> 7) & 31;
        int f3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        int fmt = (insn >>> 25) & 3;
        if (fmt > D) {
            return false;
        }
        int rm = roundingMode(f3);
        if (op != 0x14) { // fmadd, fmsub, fnmsub, fnmadd
            if (rm < 0) {
                return false;
            }
            long r = math.fma(read(rs1, fmt), read(rs2, fmt), read(insn >>> 27, fmt), op >= 0x12, op == 0x11 || op == 0x13, fmt, rm);
            write(rd, fmt, r);
            return true;
        }
        long a = read(rs1, fmt);
        long b = read(rs2, fmt);
        switch (insn >>> 27) {
            case 0x00: case 0x01: case 0x02: case 0x03: { // fadd, fsub, fmul, fdiv
                if (rm < 0) {
                    return false;
                }
                int kind = insn >>> 27;
                long r = kind == 0 ? math.add(a, b, fmt, rm)
                        : kind == 1 ? math.add(a, b ^ SoftFloat.signBit(fmt), fmt, rm)
                        : kind == 2 ? math.mul(a, b, fmt, rm) : math.div(a, b, fmt, rm);
                write(rd, fmt, r);
                return true;
            }
            case 0x0B: // fsqrt
                if (rm < 0 || rs2 != 0) {
                    return false;
                }
                write(rd, fmt, math.sqrt(a, fmt, rm));
                return true;
            case 0x04: { // fsgnj, fsgnjn, fsgnjx
                long sign = SoftFloat.signBit(fmt);
                long s;
                switch (f3) {
                    case 0: s = b & sign; break;
                    case 1: s = ~b & sign; break;
                    case 2: s = (a ^ b) & sign; break;
                    default: return false;
                }
                write(rd, fmt, (a & ~sign) | s);
                return true;
            }
            case 0x05: // fmin, fmax
                if (f3 > 1) {
                    return false;
                }
                write(rd, fmt, math.minMax(a, b, fmt, f3 == 1));
                return true;
            case 0x08: { // fcvt.s.d, fcvt.d.s
                int from = fmt == S ? D : S;
                if (rm < 0 || rs2 != from) {
                    return false;
                }
                write(rd, fmt, math.convert(read(rs1, from), from, fmt, rm));
                return true;
            }
            case 0x14: // fle, flt, feq
                if (f3 > 2) {
                    return false;
                }
                x[rd] = math.compare(a, b, fmt, f3);
                return true;
            case 0x18: // fcvt.{w,wu,l,lu}.fmt
                if (rm < 0 || rs2 > 3) {
                    return false;
                }
                x[rd] = math.toInt(a, fmt, rm, rs2);
                return true;
            case 0x1A: // fcvt.fmt.{w,wu,l,lu}
                if (rm < 0 || rs2 > 3) {
                    return false;
                }
                write(rd, fmt, math.fromInt(x[rs1], fmt, rm, rs2));
                return true;
            case 0x1C: // fmv.x.w, fmv.x.d (raw bits, boxed or not), fclass
                if (rs2 != 0 || f3 > 1) {
                    return false;
                }
                x[rd] = f3 == 1 ? SoftFloat.classify(a, fmt) : fmt == S ? (int) f[rs1] : f[rs1];
                return true;
            case 0x1E: // fmv.w.x, fmv.d.x
                if (rs2 != 0 || f3 != 0) {
                    return false;
                }
                write(rd, fmt, x[rs1]);
                return true;
            default:
                return false;
        }
    }
}
