package org.jmach.hw.riscv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A RISC-V RV64GC hart in user mode: the register file and an interpreter.
 *
 * <p>State: x0..x31 (x0 reads as zero), pc, f0..f31 as raw 64-bit patterns
 * (a single is NaN-boxed: its upper 32 bits are ones), fcsr (fflags | frm
 * &lt;&lt; 5), the instret and cycle counters, and the LR/SC reservation.
 * {@link #run} interprets instructions until one traps or the budget runs
 * out, and returns a {@link Trap} cause; {@link #tval()} then holds stval.
 * The pc is left at the trapping instruction: after an ecall the kernel
 * advances it by 4.
 *
 * <p>Memory: a direct-mapped software TLB for each kind of access (read,
 * write, execute) keeps, per virtual page number, the {@code byte[]} frame
 * the {@link Mmu} gave for it; an entry present in the write TLB means the
 * page is writable, so a hit needs no permission check. A miss asks the Mmu.
 * Misaligned loads and stores work, also across a page boundary (each page is
 * translated, both before a store writes anything). Instructions are decoded
 * anew each time they run (compressed ones through a table), so there is no
 * decoded-instruction cache to go stale: code the program writes runs as
 * written, and fence.i has nothing to do.
 *
 * <p>Conditions: a hart is run by one thread at a time. {@link #interrupt()}
 * may be called from any thread; everything else from the thread that runs
 * the hart or while it does not run. AMOs and LR/SC are atomic against other
 * harts sharing the same frames (SC succeeds if the word still holds the value
 * LR read).
 */
public final class Hart {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    static final int PAGE_SIZE = 4096;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int PAGE_SHIFT = 12;
    private static final int TLB_SIZE = 64;
    private static final int TLB_MASK = TLB_SIZE - 1;

    /** How many instructions run between two looks at {@link #interrupt()}. */
    private static final int CHUNK = 4096;

    private static final int ECALL = 0x00000073;
    private static final int EBREAK = 0x00100073;

    /** Thrown inside the interpreter to abandon an instruction that trapped; cause and tval are in the hart. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop STOP = new Stop();

    final long[] x = new long[32];
    final long[] f = new long[32];
    private long pc;
    private final Fpu fpu = new Fpu(this);

    private long instret;
    private long cycle;

    private long reservedAddress = -1;
    private long reservedValue;
    private int reservedSize;

    private final Mmu mmu;
    private final long[] readTag = new long[TLB_SIZE];
    private final byte[][] readPage = new byte[TLB_SIZE][];
    private final long[] writeTag = new long[TLB_SIZE];
    private final byte[][] writePage = new byte[TLB_SIZE][];
    private final long[] execTag = new long[TLB_SIZE];
    private final byte[][] execPage = new byte[TLB_SIZE][];
    private long tlbMisses;
    /** The page instructions are being fetched from: its number (-1 for none) and frame, an execute-TLB entry at hand. */
    private long codeVpn = -1;
    private byte[] codePage;

    private int cause;
    private long tval;
    private int trapLength;
    private volatile boolean interruptRequested;
    private LongSupplier timeSource = () -> System.nanoTime() / 100;

    /** A hart whose memory accesses go through {@code mmu}; all registers zero. */
    public Hart(Mmu mmu) {
        this.mmu = mmu;
        flushTlb();
    }

    // ---- state, as thread_get_state/thread_set_state see it ----

    /** Integer register {@code i}; x0 is always 0. */
    public long x(int i) {
        return i == 0 ? 0 : x[i];
    }

    /** Sets integer register {@code i}; writes to x0 are ignored. */
    public void setX(int i, long value) {
        if (i != 0) {
            x[i] = value;
        }
    }

    /** Floating-point register {@code i}, raw 64 bits (a single is NaN-boxed). */
    public long f(int i) {
        return f[i];
    }

    /** Sets floating-point register {@code i} to the raw 64 bits {@code bits}. */
    public void setF(int i, long bits) {
        f[i] = bits;
    }

    public long pc() {
        return pc;
    }

    public void setPc(long pc) {
        this.pc = pc;
    }

    /** fcsr: fflags in bits 0..4, frm in bits 5..7. */
    public int fcsr() {
        return fpu.math.flags | fpu.frm << 5;
    }

    public void setFcsr(int fcsr) {
        fpu.math.flags = fcsr & 0x1f;
        fpu.frm = (fcsr >>> 5) & 7;
    }

    /** Instructions retired. */
    public long instret() {
        return instret;
    }

    /** Cycles: one a retired instruction. */
    public long cycle() {
        return cycle;
    }

    /** The source of the time CSR (default: the host's clock in units of 100 ns). */
    public void setTimeSource(LongSupplier timeSource) {
        this.timeSource = timeSource;
    }

    /** stval of the last trap: the address of a fault, the bits of an illegal instruction, the pc of a breakpoint. */
    public long tval() {
        return tval;
    }

    /** Length in bytes (2 or 4) of the instruction that trapped last, for the kernel to step over it. */
    public int trapInstructionLength() {
        return trapLength;
    }

    /** Misses in the TLB so far (each one asked the Mmu). */
    public long tlbMisses() {
        return tlbMisses;
    }

    /** Drops the LR reservation, as a context switch does. */
    public void cancelReservation() {
        reservedAddress = -1;
    }

    /** Forgets every translation; the kernel calls it after changing the pmap. */
    public void flushTlb() {
        Arrays.fill(readTag, -1);
        Arrays.fill(writeTag, -1);
        Arrays.fill(execTag, -1);
        Arrays.fill(readPage, null);
        Arrays.fill(writePage, null);
        Arrays.fill(execPage, null);
        codeVpn = -1;
        codePage = null;
    }

    /** Asks {@link #run} to return {@link Trap#INTERRUPTED} soon; any thread may call it. */
    public void interrupt() {
        interruptRequested = true;
    }

    /** Runs one instruction; see {@link #run}. */
    public int step() {
        return run(1);
    }

    /**
     * Routine: run.
     * Purpose: interpret instructions from pc until one traps or
     * {@code maxInstructions} have retired.
     * Conditions: on the thread that owns the hart.
     * Returns: the {@link Trap} cause: {@link Trap#BUDGET} with pc at the next
     * instruction, {@link Trap#INTERRUPTED} likewise, or a RISC-V cause with pc
     * at the trapping instruction and {@link #tval()} set.
     */
    public int run(long maxInstructions) {
        final long[] x = this.x;
        long pc = this.pc;
        long n = 0;
        int len = 4;
        int raw = 0;
        if ((pc & 1) != 0) { // only the kernel can put an odd address in pc
            return stop(Trap.FETCH_MISALIGNED, pc, pc, 0, 0);
        }
        try {
            while (true) {
                if (interruptRequested) {
                    interruptRequested = false;
                    return stop(Trap.INTERRUPTED, 0, pc, n, 0);
                }
                if (n >= maxInstructions) {
                    return stop(Trap.BUDGET, 0, pc, n, 0);
                }
                long limit = Math.min(maxInstructions, n + CHUNK);
                while (n < limit) {
                    x[0] = 0;
                    int off = (int) pc & PAGE_MASK;
                    int insn;
                    if ((pc >>> PAGE_SHIFT) == codeVpn && off <= PAGE_SIZE - 4) {
                        insn = (int) INT.get(codePage, off);
                    } else {
                        insn = fetchSlow(pc);
                    }
                    if ((insn & 3) == 3) {
                        raw = insn;
                        len = 4;
                    } else {
                        raw = insn & 0xffff;
                        len = 2;
                        insn = Rvc.EXPANSION[raw];
                    }
                    long next = pc + len;
                    int rd = (insn >>> 7) & 31;
                    int rs1 = (insn >>> 15) & 31;
                    int rs2 = (insn >>> 20) & 31;
                    int f3 = (insn >>> 12) & 7;
                    switch ((insn >>> 2) & 31) {
                        case 0x00: { // LOAD
                            long a = x[rs1] + (insn >> 20);
                            switch (f3) {
                                case 0: x[rd] = (byte) load(a, 1); break;
                                case 1: x[rd] = (short) load(a, 2); break;
                                case 2: x[rd] = (int) load(a, 4); break;
                                case 3: x[rd] = load(a, 8); break;
                                case 4: x[rd] = load(a, 1); break;
                                case 5: x[rd] = load(a, 2); break;
                                case 6: x[rd] = load(a, 4); break;
                                default: return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x01: { // LOAD-FP
                            long a = x[rs1] + (insn >> 20);
                            if (f3 == 2) {
                                f[rd] = 0xffffffff00000000L | load(a, 4);
                            } else if (f3 == 3) {
                                f[rd] = load(a, 8);
                            } else {
                                return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x03: // MISC-MEM: fence (nothing to order in one interpreter), fence.i (no cache to drop)
                            if (f3 > 1) {
                                return illegal(raw, pc, n, len);
                            }
                            break;
                        case 0x04: { // OP-IMM
                            long a = x[rs1];
                            long imm = insn >> 20;
                            switch (f3) {
                                case 0: x[rd] = a + imm; break;
                                case 1:
                                    if ((insn >>> 26) != 0) {
                                        return illegal(raw, pc, n, len);
                                    }
                                    x[rd] = a << imm;
                                    break;
                                case 2: x[rd] = a < imm ? 1 : 0; break;
                                case 3: x[rd] = Long.compareUnsigned(a, imm) < 0 ? 1 : 0; break;
                                case 4: x[rd] = a ^ imm; break;
                                case 5:
                                    if ((insn >>> 26) == 0) {
                                        x[rd] = a >>> imm;
                                    } else if ((insn >>> 26) == 0x10) {
                                        x[rd] = a >> imm;
                                    } else {
                                        return illegal(raw, pc, n, len);
                                    }
                                    break;
                                case 6: x[rd] = a | imm; break;
                                default: x[rd] = a & imm; break;
                            }
                            break;
                        }
                        case 0x05: // AUIPC
                            x[rd] = pc + (insn & 0xfffff000);
                            break;
                        case 0x06: { // OP-IMM-32
                            int a = (int) x[rs1];
                            int f7 = insn >>> 25;
                            if (f3 == 0) {
                                x[rd] = a + (insn >> 20);
                            } else if (f3 == 1 && f7 == 0) {
                                x[rd] = a << rs2;
                            } else if (f3 == 5 && f7 == 0) {
                                x[rd] = a >>> rs2;
                            } else if (f3 == 5 && f7 == 0x20) {
                                x[rd] = a >> rs2;
                            } else {
                                return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x08: { // STORE
                            long a = x[rs1] + ((insn >> 25) << 5 | rd);
                            long v = x[rs2];
                            switch (f3) {
                                case 0: store(a, 1, v); break;
                                case 1: store(a, 2, v); break;
                                case 2: store(a, 4, v); break;
                                case 3: store(a, 8, v); break;
                                default: return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x09: { // STORE-FP
                            long a = x[rs1] + ((insn >> 25) << 5 | rd);
                            if (f3 == 2) {
                                store(a, 4, f[rs2]);
                            } else if (f3 == 3) {
                                store(a, 8, f[rs2]);
                            } else {
                                return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x0B: { // AMO
                            int op = insn >>> 27;
                            if ((f3 != 2 && f3 != 3) || !isAmo(op) || (op == 2 && rs2 != 0)) {
                                return illegal(raw, pc, n, len);
                            }
                            x[rd] = f3 == 2 ? amo(op, x[rs1], (int) x[rs2], 4) : amo(op, x[rs1], x[rs2], 8);
                            break;
                        }
                        case 0x0C: { // OP
                            long a = x[rs1];
                            long b = x[rs2];
                            switch ((insn >>> 25) << 3 | f3) {
                                case 0: x[rd] = a + b; break;
                                case 1: x[rd] = a << b; break;
                                case 2: x[rd] = a < b ? 1 : 0; break;
                                case 3: x[rd] = Long.compareUnsigned(a, b) < 0 ? 1 : 0; break;
                                case 4: x[rd] = a ^ b; break;
                                case 5: x[rd] = a >>> b; break;
                                case 6: x[rd] = a | b; break;
                                case 7: x[rd] = a & b; break;
                                case 0x100: x[rd] = a - b; break;
                                case 0x105: x[rd] = a >> b; break;
                                case 8: x[rd] = a * b; break;
                                case 9: x[rd] = Math.multiplyHigh(a, b); break;
                                case 10: x[rd] = Math.multiplyHigh(a, b) + ((b >> 63) & a); break;
                                case 11: x[rd] = Math.multiplyHigh(a, b) + ((b >> 63) & a) + ((a >> 63) & b); break;
                                case 12: x[rd] = b == 0 ? -1 : a / b; break;
                                case 13: x[rd] = b == 0 ? -1 : Long.divideUnsigned(a, b); break;
                                case 14: x[rd] = b == 0 ? a : a % b; break;
                                case 15: x[rd] = b == 0 ? a : Long.remainderUnsigned(a, b); break;
                                default: return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x0D: // LUI
                            x[rd] = insn & 0xfffff000;
                            break;
                        case 0x0E: { // OP-32
                            int a = (int) x[rs1];
                            int b = (int) x[rs2];
                            switch ((insn >>> 25) << 3 | f3) {
                                case 0: x[rd] = a + b; break;
                                case 1: x[rd] = a << b; break;
                                case 5: x[rd] = a >>> b; break;
                                case 0x100: x[rd] = a - b; break;
                                case 0x105: x[rd] = a >> b; break;
                                case 8: x[rd] = a * b; break;
                                case 12: x[rd] = b == 0 ? -1 : a / b; break;
                                case 13: x[rd] = b == 0 ? -1 : Integer.divideUnsigned(a, b); break;
                                case 14: x[rd] = b == 0 ? a : a % b; break;
                                case 15: x[rd] = b == 0 ? a : Integer.remainderUnsigned(a, b); break;
                                default: return illegal(raw, pc, n, len);
                            }
                            break;
                        }
                        case 0x10: case 0x11: case 0x12: case 0x13: case 0x14: // F and D arithmetic
                            if (!fpu.execute(insn)) {
                                return illegal(raw, pc, n, len);
                            }
                            break;
                        case 0x18: { // BRANCH
                            long a = x[rs1];
                            long b = x[rs2];
                            boolean taken;
                            switch (f3) {
                                case 0: taken = a == b; break;
                                case 1: taken = a != b; break;
                                case 4: taken = a < b; break;
                                case 5: taken = a >= b; break;
                                case 6: taken = Long.compareUnsigned(a, b) < 0; break;
                                case 7: taken = Long.compareUnsigned(a, b) >= 0; break;
                                default: return illegal(raw, pc, n, len);
                            }
                            if (taken) {
                                next = pc + ((insn >> 31) << 12 | ((insn >>> 7) & 1) << 11
                                        | ((insn >>> 25) & 0x3f) << 5 | ((insn >>> 8) & 0xf) << 1);
                            }
                            break;
                        }
                        case 0x19: { // JALR
                            if (f3 != 0) {
                                return illegal(raw, pc, n, len);
                            }
                            long target = (x[rs1] + (insn >> 20)) & ~1L;
                            x[rd] = next;
                            next = target;
                            break;
                        }
                        case 0x1B: // JAL
                            x[rd] = next;
                            next = pc + ((insn >> 31) << 20 | (insn & 0xff000) | ((insn >>> 20) & 1) << 11
                                    | ((insn >>> 21) & 0x3ff) << 1);
                            break;
                        case 0x1C: // SYSTEM
                            if (insn == ECALL) {
                                return stop(Trap.ECALL, 0, pc, n, len);
                            }
                            if (insn == EBREAK) {
                                return stop(Trap.BREAKPOINT, pc, pc, n, len);
                            }
                            if (f3 == 0 || f3 == 4 || !csr(insn, rd, rs1, f3, n)) {
                                return illegal(raw, pc, n, len);
                            }
                            break;
                        default:
                            return illegal(raw, pc, n, len);
                    }
                    pc = next;
                    n++;
                }
            }
        } catch (Stop stop) {
            this.trapLength = len;
            retire(pc, n);
            return cause;
        } catch (RuntimeException | Error e) { // from the Mmu: keep the state consistent, pc at the instruction
            retire(pc, n);
            throw e;
        }
    }

    private int stop(int cause, long tval, long pc, long n, int len) {
        this.cause = cause;
        this.tval = tval;
        this.trapLength = len;
        retire(pc, n);
        return cause;
    }

    private int illegal(int raw, long pc, long n, int len) {
        return stop(Trap.ILLEGAL_INSTRUCTION, raw & 0xffffffffL, pc, n, len);
    }

    private void retire(long pc, long n) {
        this.pc = pc;
        this.instret += n;
        this.cycle += n;
        x[0] = 0;
    }

    private static boolean isAmo(int op) {
        switch (op) {
            case 0x00: case 0x01: case 0x02: case 0x03: case 0x04: case 0x08: case 0x0C:
            case 0x10: case 0x14: case 0x18: case 0x1C:
                return true;
            default:
                return false;
        }
    }

    // ---- CSRs ----

    private boolean csr(int insn, int rd, int rs1, int f3, long n) {
        int csr = insn >>> 20;
        long old;
        switch (csr) {
            case 0x001: old = fpu.math.flags; break;
            case 0x002: old = fpu.frm; break;
            case 0x003: old = fcsr(); break;
            case 0xC00: old = cycle + n; break;
            case 0xC01: old = timeSource.getAsLong(); break;
            case 0xC02: old = instret + n; break;
            default: return false;
        }
        long operand = f3 >= 5 ? rs1 : x[rs1];
        boolean writes = (f3 & 3) == 1 || rs1 != 0;
        if (writes) {
            if ((csr >>> 10) == 3) {
                return false; // a read-only counter
            }
            long value;
            switch (f3 & 3) {
                case 1: value = operand; break;
                case 2: value = old | operand; break;
                default: value = old & ~operand; break;
            }
            switch (csr) {
                case 0x001: fpu.math.flags = (int) value & 0x1f; break;
                case 0x002: fpu.frm = (int) value & 7; break;
                default: setFcsr((int) value & 0xff); break;
            }
        }
        x[rd] = old;
        return true;
    }

    // ---- memory ----

    private Stop fault(int cause, long address) {
        this.cause = cause;
        this.tval = address;
        return STOP;
    }

    /** The frame backing the page of {@code va} for {@code access}, from the TLB or the Mmu. */
    private byte[] page(long va, int access) {
        long vpn = va >>> PAGE_SHIFT;
        int e = (int) vpn & TLB_MASK;
        long[] tags = access == Mmu.READ ? readTag : access == Mmu.WRITE ? writeTag : execTag;
        byte[][] pages = access == Mmu.READ ? readPage : access == Mmu.WRITE ? writePage : execPage;
        if (tags[e] == vpn) {
            return pages[e];
        }
        tlbMisses++;
        byte[] frame = mmu.translate(vpn, access);
        if (frame == null || frame.length < PAGE_SIZE) {
            boolean accessFault = frame != null;
            int cause = access == Mmu.READ ? (accessFault ? Trap.LOAD_ACCESS_FAULT : Trap.LOAD_PAGE_FAULT)
                    : access == Mmu.WRITE ? (accessFault ? Trap.STORE_ACCESS_FAULT : Trap.STORE_PAGE_FAULT)
                    : (accessFault ? Trap.FETCH_ACCESS_FAULT : Trap.FETCH_PAGE_FAULT);
            throw fault(cause, va);
        }
        tags[e] = vpn;
        pages[e] = frame;
        return frame;
    }

    private int fetchSlow(long pc) {
        byte[] frame = page(pc, Mmu.EXECUTE);
        codeVpn = pc >>> PAGE_SHIFT;
        codePage = frame;
        int low = (int) SHORT.get(frame, (int) pc & PAGE_MASK) & 0xffff;
        if ((low & 3) != 3) {
            return low;
        }
        long high = pc + 2;
        return (int) SHORT.get(page(high, Mmu.EXECUTE), (int) high & PAGE_MASK) << 16 | low;
    }

    private long loadSlow(long va, int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            long a = va + k;
            v |= (page(a, Mmu.READ)[(int) a & PAGE_MASK] & 0xffL) << (8 * k);
        }
        return v;
    }

    private void storeSlow(long va, int size, long v) {
        page(va, Mmu.WRITE);
        page((va + size - 1) & ~(long) PAGE_MASK, Mmu.WRITE); // both pages, before any byte is written
        for (int k = 0; k < size; k++) {
            long a = va + k;
            page(a, Mmu.WRITE)[(int) a & PAGE_MASK] = (byte) (v >>> (8 * k));
        }
    }

    /**
     * Loads {@code size} (1, 2, 4, 8) bytes at {@code va}, zero-extended:
     * from the frame on a TLB hit within one page, else by the slow path.
     * Called with a constant size, so the compiler keeps one case.
     */
    private long load(long va, int size) {
        long vpn = va >>> PAGE_SHIFT;
        int e = (int) vpn & TLB_MASK;
        int off = (int) va & PAGE_MASK;
        if (readTag[e] == vpn && off <= PAGE_SIZE - size) {
            byte[] p = readPage[e];
            switch (size) {
                case 1: return p[off] & 0xffL;
                case 2: return (short) SHORT.get(p, off) & 0xffffL;
                case 4: return (int) INT.get(p, off) & 0xffffffffL;
                default: return (long) LONG.get(p, off);
            }
        }
        return loadSlow(va, size);
    }

    /** Stores the low {@code size} (1, 2, 4, 8) bytes of {@code v} at {@code va}; see {@link #load}. */
    private void store(long va, int size, long v) {
        long vpn = va >>> PAGE_SHIFT;
        int e = (int) vpn & TLB_MASK;
        int off = (int) va & PAGE_MASK;
        if (writeTag[e] == vpn && off <= PAGE_SIZE - size) {
            byte[] p = writePage[e];
            switch (size) {
                case 1: p[off] = (byte) v; break;
                case 2: SHORT.set(p, off, (short) v); break;
                case 4: INT.set(p, off, (int) v); break;
                default: LONG.set(p, off, v); break;
            }
        } else {
            storeSlow(va, size, v);
        }
    }

    // ---- A: LR/SC and AMOs, atomic on the frame ----

    /**
     * LR, SC or an AMO of {@code size} (4 or 8) bytes at {@code va}, with
     * {@code v} the (sign-extended) rs2; returns what rd gets. The
     * read-modify-writes are compare-and-set loops on the frame.
     */
    private long amo(int op, long va, long v, int size) {
        if ((va & (size - 1)) != 0) {
            throw fault(op == 2 ? Trap.LOAD_MISALIGNED : Trap.STORE_MISALIGNED, va);
        }
        int off = (int) va & PAGE_MASK;
        if (op == 2) { // lr
            long value = getVolatile(page(va, Mmu.READ), off, size);
            reservedAddress = va;
            reservedValue = value;
            reservedSize = size;
            return value;
        }
        byte[] p = page(va, Mmu.WRITE);
        if (op == 3) { // sc: succeeds if the word still holds what lr read
            boolean ok = reservedAddress == va && reservedSize == size && compareAndSet(p, off, reservedValue, v, size);
            reservedAddress = -1;
            return ok ? 0 : 1;
        }
        while (true) {
            long old = getVolatile(p, off, size);
            if (compareAndSet(p, off, old, apply(op, old, v), size)) {
                return old;
            }
        }
    }

    private static long getVolatile(byte[] p, int off, int size) {
        return size == 8 ? (long) LONG.getVolatile(p, off) : (int) INT.getVolatile(p, off);
    }

    private static boolean compareAndSet(byte[] p, int off, long expected, long value, int size) {
        return size == 8 ? LONG.compareAndSet(p, off, expected, value)
                : INT.compareAndSet(p, off, (int) expected, (int) value);
    }

    /** The AMO's new value from the old one and rs2, both sign-extended (right for .w: only the low word is stored). */
    private static long apply(int op, long old, long v) {
        switch (op) {
            case 0x01: return v;
            case 0x00: return old + v;
            case 0x04: return old ^ v;
            case 0x0C: return old & v;
            case 0x08: return old | v;
            default: return minMax(op, old, v);
        }
    }

    /** amomin, amomax, amominu, amomaxu on sign-extended values (right for .w too). */
    private static long minMax(int op, long a, long b) {
        switch (op) {
            case 0x10: return Math.min(a, b);
            case 0x14: return Math.max(a, b);
            case 0x18: return Long.compareUnsigned(a, b) <= 0 ? a : b;
            default: return Long.compareUnsigned(a, b) >= 0 ? a : b;
        }
    }
}
