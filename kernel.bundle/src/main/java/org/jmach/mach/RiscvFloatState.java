package org.jmach.mach;

/**
 * The floating-point registers of an interpreted RISC-V thread, flavor
 * {@link RiscvThreadState#RISCV_FLOAT_STATE}: f0..f31 as raw 64-bit
 * patterns (a single is NaN-boxed), then fcsr ({@code fflags | frm << 5}).
 *
 * @param f    f0..f31
 * @param fcsr the floating-point control and status register
 */
public record RiscvFloatState(long[] f, int fcsr) {

    public RiscvFloatState {
        if (f.length != 32) {
            throw new IllegalArgumentException("a RISC-V hart has 32 floating-point registers");
        }
        f = f.clone();
    }

    @Override
    public long[] f() {
        return f.clone();
    }

    /** Decodes the words of thread_get_state. */
    public static RiscvFloatState decode(int[] w) {
        Words.need(w, RiscvThreadState.RISCV_FLOAT_STATE_COUNT, "riscv_float_state");
        long[] f = new long[32];
        for (int i = 0; i < 32; i++) {
            f[i] = Words.long64(w, 2 * i);
        }
        return new RiscvFloatState(f, w[64]);
    }

    /** Encodes for thread_set_state. */
    public void encode(int[] w) {
        for (int i = 0; i < 32; i++) {
            Words.putLong64(w, 2 * i, f[i]);
        }
        w[64] = fcsr;
    }

    /** The words, for thread_set_state. */
    public int[] toWords() {
        int[] w = new int[RiscvThreadState.RISCV_FLOAT_STATE_COUNT];
        encode(w);
        return w;
    }
}
