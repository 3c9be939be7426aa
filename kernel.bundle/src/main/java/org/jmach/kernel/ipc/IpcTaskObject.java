package org.jmach.kernel.ipc;

/**
 * What the IPC code needs of a task behind a task port (GNU Mach's
 * {@code convert_port_to_space} and {@code convert_port_to_map}): its space
 * and memory, while it is alive.
 */
public interface IpcTaskObject {

    /** The task's space, or null once the task has terminated. */
    IpcSpace ipcSpace();

    /** The task's memory. */
    IpcMemory ipcMemory();
}
