package org.jmach.mach;

/** Thread special port ids ({@code <mach/thread_special_ports.h>}). */
public final class ThreadSpecialPorts {

    /** The thread's own kernel port: mach_thread_self. */
    public static final int THREAD_KERNEL_PORT = 1;
    /** Where the thread's exceptions go first. */
    public static final int THREAD_EXCEPTION_PORT = 3;

    private ThreadSpecialPorts() {
    }
}
