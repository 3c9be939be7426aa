package org.jmach.mach;

/**
 * The register set of a native thread (flavor {@link #NATIVE_THREAD_STATE}
 * of thread_get_state and thread_set_state): a program counter naming the
 * Java entry point the thread runs ({@link MachTraps#nativeEntry}) and eight
 * argument registers it is called with. A thread made by thread_create
 * starts at its program counter when it is first resumed.
 *
 * @param pc an entry point of the thread's task, or 0 for none
 * @param args the argument registers a0..a7
 */
public record NativeThreadState(long pc, long[] args) {

    /** The flavor: jmach's own, clear of the machine flavors of the CPU. */
    public static final int NATIVE_THREAD_STATE = 100;
    /** Its size in words: pc and eight registers, two words each. */
    public static final int NATIVE_THREAD_STATE_COUNT = 18;
    /** Number of argument registers. */
    public static final int NATIVE_ARGS = 8;

    public NativeThreadState {
        if (args.length != NATIVE_ARGS) {
            throw new IllegalArgumentException("a native thread has " + NATIVE_ARGS + " argument registers");
        }
        args = args.clone();
    }

    /** A state with {@code pc} and the first registers set to {@code a}, the rest 0. */
    public static NativeThreadState of(long pc, long... a) {
        long[] args = new long[NATIVE_ARGS];
        System.arraycopy(a, 0, args, 0, Math.min(a.length, NATIVE_ARGS));
        return new NativeThreadState(pc, args);
    }

    @Override
    public long[] args() {
        return args.clone();
    }

    /** Decodes the words of thread_get_state. */
    public static NativeThreadState decode(int[] w) {
        Words.need(w, NATIVE_THREAD_STATE_COUNT, "native_thread_state");
        long[] args = new long[NATIVE_ARGS];
        for (int i = 0; i < NATIVE_ARGS; i++) {
            args[i] = Words.long64(w, 2 + 2 * i);
        }
        return new NativeThreadState(Words.long64(w, 0), args);
    }

    /** Encodes for thread_set_state. */
    public void encode(int[] w) {
        Words.putLong64(w, 0, pc);
        for (int i = 0; i < NATIVE_ARGS; i++) {
            Words.putLong64(w, 2 + 2 * i, args[i]);
        }
    }

    /** The words, for thread_set_state. */
    public int[] toWords() {
        int[] w = new int[NATIVE_THREAD_STATE_COUNT];
        encode(w);
        return w;
    }
}
