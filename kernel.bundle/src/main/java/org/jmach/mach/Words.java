package org.jmach.mach;

/** Reading and writing the words of an info array (host, task, thread, processor info). */
final class Words {

    private Words() {
    }

    static void need(int[] words, int count, String what) {
        if (words.length < count) {
            throw new IllegalArgumentException(what + " needs " + count + " words, got " + words.length);
        }
    }

    /** A 64-bit value stored low word first. */
    static long long64(int[] w, int at) {
        return (w[at] & 0xFFFF_FFFFL) | ((long) w[at + 1] << 32);
    }

    static void putLong64(int[] w, int at, long value) {
        w[at] = (int) value;
        w[at + 1] = (int) (value >>> 32);
    }
}
