package org.jmach.mach;

/**
 * A decoded {@code thread_sched_info} (flavor {@link ThreadInfo#THREAD_SCHED_INFO}).
 *
 * @param policy a {@link Policy} POLICY_ value
 * @param data the policy's data: the quantum in ms for POLICY_FIXEDPRI
 * @param basePriority the base priority
 * @param maxPriority the ceiling: the best base priority the thread may be given
 * @param curPriority the priority it is scheduled at now
 * @param depressed 1 while thread_switch has depressed it
 * @param depressPriority the priority it returns to when the depression ends
 * @param lastProcessor the slot of the processor it last ran on, or -1
 */
public record ThreadSchedInfo(int policy, int data, int basePriority, int maxPriority, int curPriority,
        int depressed, int depressPriority, int lastProcessor) {

    /** Decodes the words thread_info returned. */
    public static ThreadSchedInfo decode(int[] w) {
        Words.need(w, ThreadInfo.THREAD_SCHED_INFO_COUNT, "thread_sched_info");
        return new ThreadSchedInfo(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
    }

    /** Encodes as thread_info lays it out. */
    public void encode(int[] w) {
        w[0] = policy;
        w[1] = data;
        w[2] = basePriority;
        w[3] = maxPriority;
        w[4] = curPriority;
        w[5] = depressed;
        w[6] = depressPriority;
        w[7] = lastProcessor;
    }
}
