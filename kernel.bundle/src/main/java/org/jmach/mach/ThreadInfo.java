package org.jmach.mach;

/**
 * thread_info flavors, sizes in words, run states and flags
 * ({@code <mach/thread_info.h>}).
 */
public final class ThreadInfo {

    /** {@link ThreadBasicInfo}. */
    public static final int THREAD_BASIC_INFO = 1;
    public static final int THREAD_BASIC_INFO_COUNT = 13;
    /** {@link ThreadSchedInfo}. */
    public static final int THREAD_SCHED_INFO = 2;
    public static final int THREAD_SCHED_INFO_COUNT = 8;

    /** Run states. */
    public static final int TH_STATE_RUNNING = 1;
    public static final int TH_STATE_STOPPED = 2;
    public static final int TH_STATE_WAITING = 3;
    public static final int TH_STATE_UNINTERRUPTIBLE = 4;
    public static final int TH_STATE_HALTED = 5;

    /** Flags. */
    public static final int TH_FLAGS_SWAPPED = 0x1;
    public static final int TH_FLAGS_IDLE = 0x2;

    /** The scale of {@link ThreadBasicInfo#cpuUsage}: this value is one processor fully used. */
    public static final int TH_USAGE_SCALE = 1000;

    private ThreadInfo() {
    }

    /** The Mach name of a run state, without its prefix ("running", "stopped", ...). */
    public static String runStateName(int state) {
        return switch (state) {
            case TH_STATE_RUNNING -> "running";
            case TH_STATE_STOPPED -> "stopped";
            case TH_STATE_WAITING -> "waiting";
            case TH_STATE_UNINTERRUPTIBLE -> "uninterruptible";
            case TH_STATE_HALTED -> "halted";
            default -> Integer.toString(state);
        };
    }
}
