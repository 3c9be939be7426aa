package org.jmach.mach;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Java code a native thread can start at: the native counterpart of a
 * function in a task's text. A task registers it with
 * {@link MachTraps#nativeEntry} and gets the program counter to put in a
 * {@link NativeThreadState}.
 */
@ConsumerType
@FunctionalInterface
public interface NativeEntry {

    /**
     * Runs as the thread; the thread ends when this returns.
     *
     * @param traps the thread's own traps
     * @param args its argument registers a0..a7 as thread_set_state left them
     */
    void run(MachTraps traps, long[] args);
}
