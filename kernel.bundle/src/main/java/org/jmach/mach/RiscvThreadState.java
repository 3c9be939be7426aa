package org.jmach.mach;

/**
 * The register file of an interpreted RISC-V thread, flavor
 * {@link #RISCV_THREAD_STATE} of thread_get_state and thread_set_state:
 * the program counter and x1..x31 (x0 is always 0). Setting it makes the
 * thread interpreted: a thread made by thread_create, given this state and
 * resumed, runs the RISC-V code of its task's memory at {@code pc}.
 *
 * <p>The flavor numbers are jmach's (GNU Mach has no RISC-V port): 1 and 2,
 * the machine's own flavors, as each Mach port numbers its CPU's from 1;
 * {@link NativeThreadState}'s 100 stays clear of them. Every register is a
 * 64-bit word in two 32-bit state words, low word first.
 *
 * @param pc the program counter
 * @param x  x0..x31; x[0] is ignored and reads as 0
 */
public record RiscvThreadState(long pc, long[] x) {

    /** The flavor of the integer registers: pc, then x1..x31. */
    public static final int RISCV_THREAD_STATE = 1;
    /** Its size in 32-bit words: 32 registers of two words. */
    public static final int RISCV_THREAD_STATE_COUNT = 64;
    /** The flavor of the floating-point registers: f0..f31 (raw 64-bit patterns), then fcsr. */
    public static final int RISCV_FLOAT_STATE = 2;
    /** Its size in 32-bit words: 32 registers of two words, and fcsr. */
    public static final int RISCV_FLOAT_STATE_COUNT = 65;

    /** The ABI names of the registers used most: return address, stack pointer, arguments. */
    public static final int RA = 1;
    public static final int SP = 2;
    public static final int A0 = 10;
    public static final int A7 = 17;

    public RiscvThreadState {
        if (x.length != 32) {
            throw new IllegalArgumentException("a RISC-V hart has 32 integer registers");
        }
        x = x.clone();
        x[0] = 0;
    }

    /** A state at {@code pc} with the stack pointer {@code sp}, every other register 0. */
    public static RiscvThreadState of(long pc, long sp) {
        long[] x = new long[32];
        x[SP] = sp;
        return new RiscvThreadState(pc, x);
    }

    @Override
    public long[] x() {
        return x.clone();
    }

    /** Register {@code i}. */
    public long x(int i) {
        return x[i];
    }

    /** Decodes the words of thread_get_state. */
    public static RiscvThreadState decode(int[] w) {
        Words.need(w, RISCV_THREAD_STATE_COUNT, "riscv_thread_state");
        long[] x = new long[32];
        for (int i = 1; i < 32; i++) {
            x[i] = Words.long64(w, 2 * i);
        }
        return new RiscvThreadState(Words.long64(w, 0), x);
    }

    /** Encodes for thread_set_state. */
    public void encode(int[] w) {
        Words.putLong64(w, 0, pc);
        for (int i = 1; i < 32; i++) {
            Words.putLong64(w, 2 * i, x[i]);
        }
    }

    /** The words, for thread_set_state. */
    public int[] toWords() {
        int[] w = new int[RISCV_THREAD_STATE_COUNT];
        encode(w);
        return w;
    }
}
