package org.jmach.mach;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of the kernel's tasks and their IPC spaces for
 * debugging consoles, in the spirit of {@code mach_debug.defs}. The kernel
 * registers it as a service while booted. It hands out descriptions, never
 * rights.
 */
@ProviderType
public interface MachDebug {

    /** One task: its id, name, number of threads, and number of port names. */
    record TaskSummary(int id, String name, int threads, int portNames) {
    }

    /**
     * One name in a task's space. For a receive right, {@code msgcount},
     * {@code qlimit} and {@code seqno} describe the port; otherwise they are -1.
     */
    record PortName(int name, int type, int urefs, int msgcount, int qlimit, int seqno) {
    }

    /** Every active task, by id. */
    List<TaskSummary> tasks();

    /** The names of task {@code taskId}'s space, sorted; empty if there is no such task. */
    List<PortName> portNames(int taskId);
}
