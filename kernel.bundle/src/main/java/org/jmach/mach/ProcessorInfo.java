package org.jmach.mach;

/**
 * processor_info and processor_set_info flavors, sizes in words, and
 * processor states ({@code <mach/processor_info.h>}).
 */
public final class ProcessorInfo {

    /** processor_basic_info: cpu_type, cpu_subtype, running, slot_num, is_master. */
    public static final int PROCESSOR_BASIC_INFO = 1;
    public static final int PROCESSOR_BASIC_INFO_COUNT = 5;

    /** processor_set_basic_info: processor_count, task_count, thread_count, load_average, mach_factor. */
    public static final int PROCESSOR_SET_BASIC_INFO = 1;
    public static final int PROCESSOR_SET_BASIC_INFO_COUNT = 5;
    /** processor_set_sched_info: policies, max_priority. */
    public static final int PROCESSOR_SET_SCHED_INFO = 2;
    public static final int PROCESSOR_SET_SCHED_INFO_COUNT = 2;

    /** The scale of load_average and mach_factor: this value is one. */
    public static final int LOAD_SCALE = 1000;

    /** Processor states. */
    public static final int PROCESSOR_OFF_LINE = 0;
    public static final int PROCESSOR_RUNNING = 1;
    public static final int PROCESSOR_IDLE = 2;
    public static final int PROCESSOR_DISPATCHING = 3;
    public static final int PROCESSOR_ASSIGN = 4;
    public static final int PROCESSOR_SHUTDOWN = 5;

    private ProcessorInfo() {
    }

    /** A processor state's name without its prefix ("running", "idle", ...). */
    public static String stateName(int state) {
        return switch (state) {
            case PROCESSOR_OFF_LINE -> "off-line";
            case PROCESSOR_RUNNING -> "running";
            case PROCESSOR_IDLE -> "idle";
            case PROCESSOR_DISPATCHING -> "dispatching";
            case PROCESSOR_ASSIGN -> "assign";
            case PROCESSOR_SHUTDOWN -> "shutdown";
            default -> Integer.toString(state);
        };
    }
}
