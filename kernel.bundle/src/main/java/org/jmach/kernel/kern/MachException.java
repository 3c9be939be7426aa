package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_ABORTED;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.mach.ThreadSpecialPorts.THREAD_EXCEPTION_PORT;

import org.jmach.kernel.ipc.IpcKernelRpc;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.kernel.ipc.IpcTt;

/**
 * Exceptions (GNU Mach's {@code kern/exception.c}): a thread that takes an
 * exception stops in an exception_raise RPC ({@code exc.defs}) to its
 * thread exception port; if that handler does not answer KERN_SUCCESS, to
 * its task's exception port; if that one does not either, the task is
 * terminated (exception_no_server).
 */
final class MachException {

    private MachException() {
    }

    /**
     * Routine: exception. Purpose: raise {@code exception} in {@code thread},
     * the calling thread, and wait for a handler.
     *
     * <p>Conditions: nothing locked; the thread holds a processor, which it
     * gives up while it waits for the handler's reply.
     *
     * <p>Returns: KERN_SUCCESS when a handler replied KERN_SUCCESS (the
     * thread resumes: the faulting access is made again); KERN_ABORTED if
     * thread_abort interrupted the wait (the thread resumes too, and
     * faults again if the cause remains); KERN_TERMINATED if no handler
     * took it, the task then terminated, or if the thread is terminating.
     */
    static int exception(Thread thread, int exception, int code, long subcode) {
        int kr = tryPort(thread, thread.ports(), THREAD_EXCEPTION_PORT, exception, code, subcode);
        if (kr == KERN_SUCCESS || kr == KERN_ABORTED || kr == KERN_TERMINATED) {
            return kr;
        }
        Task task = thread.task();
        kr = tryPort(thread, task.ports(), TASK_EXCEPTION_PORT, exception, code, subcode);
        if (kr == KERN_SUCCESS || kr == KERN_ABORTED || kr == KERN_TERMINATED) {
            return kr;
        }
        task.terminate();
        return KERN_TERMINATED;
    }

    /**
     * A send right of the caller's own to the exception port of level
     * {@code level} (0: the thread's, 1: its task's), copied under the IPC
     * lock (the port may be replaced meanwhile); null if none is set.
     * {@link #release} gives it back. Conditions: nothing locked.
     */
    static IpcPort exceptionPort(Thread thread, int level) {
        IpcTt ports = level == 0 ? thread.ports() : thread.task().ports();
        int which = level == 0 ? THREAD_EXCEPTION_PORT : TASK_EXCEPTION_PORT;
        return thread.task().ipc().locked(() -> {
            IpcPort[] right = new IpcPort[1];
            ports.specialPort(which, right);
            return right[0];
        });
    }

    /** Gives back a right {@link #exceptionPort} copied. Conditions: nothing locked. */
    static void release(Thread thread, IpcPort port) {
        thread.task().ipc().locked(() -> {
            thread.task().ipc().releaseSendLocked(port);
            return null;
        });
    }

    /**
     * One level: the RPC to the special port {@code which} of {@code ports},
     * if set. Returns the handler's code, an error of the RPC, or the
     * outcome for the thread (KERN_ABORTED, KERN_TERMINATED).
     */
    private static int tryPort(Thread thread, IpcTt ports, int which, int exception, int code, long subcode) {
        Task task = thread.task();
        // A send right of our own, copied under the lock: the port may be replaced meanwhile.
        IpcPort port = task.ipc().locked(() -> {
            IpcPort[] right = new IpcPort[1];
            ports.specialPort(which, right);
            return right[0];
        });
        if (port == null) {
            return org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
        }
        int kr = IpcKernelRpc.exceptionRaise(task.ipc(), thread, port, thread.ports().kernelPort(),
                task.ports().kernelPort(), exception, code, subcode);
        task.ipc().locked(() -> {
            task.ipc().releaseSendLocked(port);
            return null;
        });
        if (thread.terminating) {
            return KERN_TERMINATED;
        }
        if (kr == MACH_RCV_INTERRUPTED) {
            return KERN_ABORTED;
        }
        return kr;
    }
}
