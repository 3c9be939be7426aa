package org.jmach.mach;

/**
 * A {@code time_value_t}: seconds and microseconds, two words in an info
 * array.
 */
public record TimeValue(int seconds, int microseconds) {

    /** A time from microseconds. */
    public static TimeValue ofMicros(long micros) {
        return new TimeValue((int) (micros / 1_000_000), (int) (micros % 1_000_000));
    }

    /** The time in microseconds. */
    public long toMicros() {
        return seconds * 1_000_000L + microseconds;
    }

    /** Reads the two words at {@code at}. */
    public static TimeValue decode(int[] words, int at) {
        return new TimeValue(words[at], words[at + 1]);
    }

    /** Writes the two words at {@code at}. */
    public void encode(int[] words, int at) {
        words[at] = seconds;
        words[at + 1] = microseconds;
    }
}
