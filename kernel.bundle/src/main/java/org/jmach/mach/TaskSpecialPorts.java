package org.jmach.mach;

/** Task special port ids ({@code <mach/task_special_ports.h>}). */
public final class TaskSpecialPorts {

    /** The task's own kernel port: task_self. */
    public static final int TASK_KERNEL_PORT = 1;
    /** The task's notify port (Mach 3.0). */
    public static final int TASK_NOTIFY_PORT = 2;
    public static final int TASK_EXCEPTION_PORT = 3;
    public static final int TASK_BOOTSTRAP_PORT = 4;

    private TaskSpecialPorts() {
    }
}
