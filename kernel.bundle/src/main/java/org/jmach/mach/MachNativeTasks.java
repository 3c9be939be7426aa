package org.jmach.mach;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The bootstrap service: how Java code outside the kernel (server bundles,
 * tests) gets its first Mach task and native thread, and host_priv, as
 * Mach's bootstrap task gets them from the kernel. From there, tasks and
 * threads are made as in Mach, by task_create and thread_create (MIG
 * routines on task ports). The kernel registers it as a service while booted.
 * Tasks are known by id, as mach:tasks lists them; the code of a native
 * thread holds only its {@link MachTraps} and names in its task's space.
 */
@ProviderType
public interface MachNativeTasks {

    /** Creates a task with an empty space and memory; returns its id. */
    int taskCreate(String name);

    /**
     * Starts a native thread in task {@code taskId}: it runs {@code body}
     * with its traps once it holds a processor, and ends when {@code body}
     * returns (unless it blocked with a continuation).
     *
     * @return KERN_SUCCESS; KERN_INVALID_TASK if there is no such live task
     */
    int threadCreate(int taskId, String name, Consumer<MachTraps> body);

    /**
     * {@code task_terminate}: the task's threads are interrupted, its rights
     * destroyed (senders elsewhere see dead names).
     *
     * @return KERN_SUCCESS; KERN_INVALID_TASK if there is no such live task
     */
    int taskTerminate(int taskId);

    /**
     * Gives task {@code taskId} a send right to the privileged host port
     * (host_priv), as Mach gives it to the bootstrap task, and returns its
     * name in that task's space.
     *
     * @return the name; MACH_PORT_NULL if there is no such live task
     */
    int hostPriv(int taskId);

    /**
     * Gives task {@code taskId} a send right to the master device port, to
     * which {@code device_open} ({@link DeviceUser#deviceOpen}) is sent, as
     * GNU Mach gives it to its bootstrap task; returns its name in that
     * task's space.
     *
     * @return the name; MACH_PORT_NULL if there is no such live task
     */
    int deviceMaster(int taskId);

    /**
     * The id of a live task named {@code name} (the name given to
     * {@link #taskCreate} or by {@code task_set_name}), the oldest if
     * several have it: how a server re-attaches to its task after its
     * bundle was updated or replaced (the task outlives its program).
     *
     * @return the task's id; 0 if no live task has that name
     */
    int taskLookup(String name);

    /**
     * Registers the system call emulation of task {@code taskId}'s
     * interpreted threads (Mach's task_set_emulation, for the whole system
     * call table): an {@code ecall} with a non-negative a7 calls it on the
     * thread. {@code null} removes it: system calls are then raised as
     * EXC_SYSCALL to the exception ports. This is how an operating-system
     * server (BSD, DOS, the bare personality) takes the system calls of the
     * programs it runs.
     *
     * @return KERN_SUCCESS; KERN_INVALID_TASK if there is no such live task;
     *         KERN_FAILURE from a provider that runs no interpreted threads
     */
    default int taskSetEmulation(int taskId, SyscallEmulation emulation) {
        return KernReturn.KERN_FAILURE;
    }
}
