package org.jmach.mach;

/**
 * A decoded {@code task_basic_info} (flavor {@link TaskInfo#TASK_BASIC_INFO}).
 *
 * @param suspendCount the task's suspend count (task_suspend minus task_resume)
 * @param basePriority the priority new threads of the task get
 * @param virtualSize bytes of address space
 * @param residentSize bytes resident
 * @param userTime user time of the threads that have terminated
 * @param systemTime system time of the threads that have terminated
 * @param creationTime when the task was created, since the epoch (wall-clock time, as GNU Mach records it)
 */
public record TaskBasicInfo(int suspendCount, int basePriority, long virtualSize, long residentSize,
        TimeValue userTime, TimeValue systemTime, TimeValue creationTime) {

    /** Decodes the words task_info returned. */
    public static TaskBasicInfo decode(int[] w) {
        Words.need(w, TaskInfo.TASK_BASIC_INFO_COUNT, "task_basic_info");
        return new TaskBasicInfo(w[0], w[1], Words.long64(w, 2), Words.long64(w, 4),
                TimeValue.decode(w, 6), TimeValue.decode(w, 8), TimeValue.decode(w, 10));
    }

    /** Encodes as task_info lays it out. */
    public void encode(int[] w) {
        w[0] = suspendCount;
        w[1] = basePriority;
        Words.putLong64(w, 2, virtualSize);
        Words.putLong64(w, 4, residentSize);
        userTime.encode(w, 6);
        systemTime.encode(w, 8);
        creationTime.encode(w, 10);
    }
}
