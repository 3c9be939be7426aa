package org.jmach.mach;

/** Options of the {@code thread_switch} trap ({@code <mach/thread_switch.h>}). */
public final class ThreadSwitch {

    /** Hand off to the hint thread, or yield if it cannot run. */
    public static final int SWITCH_OPTION_NONE = 0;
    /** Also depress the caller's priority to the lowest for {@code time} ms (or until it runs again). */
    public static final int SWITCH_OPTION_DEPRESS = 1;
    /** Also block the caller for {@code time} ms. */
    public static final int SWITCH_OPTION_WAIT = 2;

    private ThreadSwitch() {
    }
}
