package org.jmach.mach;

/**
 * A decoded {@code host_sched_info} (flavor {@link HostInfo#HOST_SCHED_INFO}).
 *
 * @param minTimeout shortest timeout the kernel honours, in milliseconds
 * @param minQuantum shortest scheduling quantum, in milliseconds
 */
public record HostSchedInfo(int minTimeout, int minQuantum) {

    /** Decodes the words {@code host_info} returned for HOST_SCHED_INFO. */
    public static HostSchedInfo decode(int[] words) {
        if (words.length < HostInfo.HOST_SCHED_INFO_COUNT) {
            throw new IllegalArgumentException("host_sched_info needs "
                    + HostInfo.HOST_SCHED_INFO_COUNT + " words, got " + words.length);
        }
        return new HostSchedInfo(words[0], words[1]);
    }

    /** Encodes into {@code words} as {@code host_info} lays it out. */
    public void encode(int[] words) {
        words[0] = minTimeout;
        words[1] = minQuantum;
    }
}
