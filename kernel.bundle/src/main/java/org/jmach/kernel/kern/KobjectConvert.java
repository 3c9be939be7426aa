package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.IpcKobjectRequest;

/**
 * The conversions MIG's intran and outtran clauses name, shared by the
 * kernel's subsystems ({@code convert_port_to_task} and friends in GNU
 * Mach's {@code kern/ipc_tt.c}), and the checks of an info array.
 *
 * <p>Conditions: the IPC lock held. A conversion takes no reference: the
 * request's send right holds the object until the request ends.
 */
final class KobjectConvert {

    private KobjectConvert() {
    }

    /** Routine: convert_port_to_task. Returns: the live task the port stands for, or null. */
    static Task task(IpcKobjectRequest rq, int port) {
        return rq.kobject(port) instanceof Task t && t.isActive() ? t : null;
    }

    /** Routine: convert_port_to_thread. Returns: the live thread the port stands for, or null. */
    static Thread thread(IpcKobjectRequest rq, int port) {
        return rq.kobject(port) instanceof Thread t && !t.isTerminated() ? t : null;
    }

    /** Routine: convert_task_to_port. Returns: the handle of a new send right to the task's port. */
    static int taskPort(IpcKobjectRequest rq, Task task) {
        return task == null ? 0 : rq.makeSend(task.ports().kernelPort());
    }

    /** Routine: convert_thread_to_port. */
    static int threadPort(IpcKobjectRequest rq, Thread thread) {
        return thread == null ? 0 : rq.makeSend(thread.ports().kernelPort());
    }

    /**
     * Checks an out info array of a CountInOut argument: {@code count[0]}
     * words asked for, of which {@code needed} will be filled.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT if an array is missing
     * or the count is negative or past the array; KERN_FAILURE if the count
     * is smaller than the flavor needs.
     */
    static int checkInfo(int[] info, int[] count, int needed) {
        if (info == null || count == null || count.length < 1 || count[0] < 0 || count[0] > info.length) {
            return KERN_INVALID_ARGUMENT;
        }
        return count[0] < needed ? KERN_FAILURE : KERN_SUCCESS;
    }
}
