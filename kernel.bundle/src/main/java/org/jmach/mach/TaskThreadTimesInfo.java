package org.jmach.mach;

/**
 * A decoded {@code task_thread_times_info} (flavor
 * {@link TaskInfo#TASK_THREAD_TIMES_INFO}): the user and system time of the
 * task's live threads.
 */
public record TaskThreadTimesInfo(TimeValue userTime, TimeValue systemTime) {

    /** Decodes the words task_info returned. */
    public static TaskThreadTimesInfo decode(int[] w) {
        Words.need(w, TaskInfo.TASK_THREAD_TIMES_INFO_COUNT, "task_thread_times_info");
        return new TaskThreadTimesInfo(TimeValue.decode(w, 0), TimeValue.decode(w, 2));
    }

    /** Encodes as task_info lays it out. */
    public void encode(int[] w) {
        userTime.encode(w, 0);
        systemTime.encode(w, 2);
    }
}
