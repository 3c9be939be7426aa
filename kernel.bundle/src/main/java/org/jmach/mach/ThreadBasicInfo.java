package org.jmach.mach;

/**
 * A decoded {@code thread_basic_info} (flavor {@link ThreadInfo#THREAD_BASIC_INFO}).
 *
 * @param userTime time running outside the kernel
 * @param systemTime time running in the kernel (in traps and kernel calls)
 * @param cpuUsage recent use of a processor, scaled by {@link ThreadInfo#TH_USAGE_SCALE}
 * @param basePriority the priority the thread gets when it has not used the processor lately
 * @param curPriority the priority it is scheduled at now
 * @param runState a TH_STATE_ value
 * @param flags TH_FLAGS_ bits
 * @param suspendCount thread_suspend minus thread_resume
 * @param sleepTime seconds since the thread last ran, when it does not run
 * @param creationTime when the thread was created, since the epoch (wall-clock time, as GNU Mach records it)
 */
public record ThreadBasicInfo(TimeValue userTime, TimeValue systemTime, int cpuUsage, int basePriority,
        int curPriority, int runState, int flags, int suspendCount, int sleepTime, TimeValue creationTime) {

    /** Decodes the words thread_info returned. */
    public static ThreadBasicInfo decode(int[] w) {
        Words.need(w, ThreadInfo.THREAD_BASIC_INFO_COUNT, "thread_basic_info");
        return new ThreadBasicInfo(TimeValue.decode(w, 0), TimeValue.decode(w, 2), w[4], w[5], w[6], w[7],
                w[8], w[9], w[10], TimeValue.decode(w, 11));
    }

    /** Encodes as thread_info lays it out. */
    public void encode(int[] w) {
        userTime.encode(w, 0);
        systemTime.encode(w, 2);
        w[4] = cpuUsage;
        w[5] = basePriority;
        w[6] = curPriority;
        w[7] = runState;
        w[8] = flags;
        w[9] = suspendCount;
        w[10] = sleepTime;
        creationTime.encode(w, 11);
    }
}
