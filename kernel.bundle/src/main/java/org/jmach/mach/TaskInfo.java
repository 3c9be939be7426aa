package org.jmach.mach;

/**
 * task_info flavors and their sizes in words ({@code <mach/task_info.h>},
 * laid out for jmach's 64-bit tasks: a vm_size_t is two words).
 */
public final class TaskInfo {

    /** {@link TaskBasicInfo}. */
    public static final int TASK_BASIC_INFO = 1;
    public static final int TASK_BASIC_INFO_COUNT = 12;
    /** {@link TaskEventsInfo}. */
    public static final int TASK_EVENTS_INFO = 2;
    public static final int TASK_EVENTS_INFO_COUNT = 7;
    /** {@link TaskThreadTimesInfo}: the times of the live threads only. */
    public static final int TASK_THREAD_TIMES_INFO = 3;
    public static final int TASK_THREAD_TIMES_INFO_COUNT = 4;

    private TaskInfo() {
    }
}
