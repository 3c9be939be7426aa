package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.TaskSpecialPorts.TASK_BOOTSTRAP_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_KERNEL_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_NOTIFY_PORT;

/**
 * A task's ports (GNU Mach's {@code kern/ipc_tt.c}, the IPC part): its kernel
 * port, whose receive right the kernel holds, and the send rights the
 * kernel keeps for it as special ports (notify, exception, bootstrap).
 *
 * <p>Conditions: the special ports are guarded by the IPC lock.
 */
public final class IpcTaskPorts {

    private final Ipc ipc;
    private final IpcPort kernelPort;
    private final IpcPort[] special = new IpcPort[TASK_BOOTSTRAP_PORT + 1];

    /** Routine: ipc_task_init. Creates the task's kernel port for {@code task}. */
    public IpcTaskPorts(Ipc ipc, IpcTaskObject task) {
        this.ipc = ipc;
        this.kernelPort = ipc.kernelPortAlloc(task, Ipc.IKOT_TASK);
    }

    /** A new send right to the task's kernel port in {@code space} (mach_task_self). */
    public int taskSelf(IpcSpace space) {
        return ipc.makeSendCopyout(kernelPort, space);
    }

    /**
     * Routine: task_get_special_port. Purpose: a send right, in {@code space},
     * to one of the task's special ports.
     * Returns: KERN_SUCCESS (name MACH_PORT_NULL if unset); KERN_INVALID_ARGUMENT
     * for an unknown id.
     */
    public int getSpecialPort(IpcSpace space, int which, int[] name) {
        if (which == TASK_KERNEL_PORT) {
            name[0] = taskSelf(space);
            return KERN_SUCCESS;
        }
        if (which != TASK_NOTIFY_PORT && which != TASK_EXCEPTION_PORT && which != TASK_BOOTSTRAP_PORT) {
            return KERN_INVALID_ARGUMENT;
        }
        ipc.lock.lock();
        try {
            IpcPort port = special[which];
            if (port == null) {
                name[0] = MACH_PORT_NULL;
                return KERN_SUCCESS;
            }
            if (port.active) {
                port.srights++;
            }
            name[0] = IpcRight.copyout(ipc, space, port, MACH_MSG_TYPE_PORT_SEND);
            return KERN_SUCCESS;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: task_set_special_port. Purpose: the task keeps a copy of the
     * send right {@code name} of {@code space} (MACH_PORT_NULL clears it).
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown id or the
     * kernel port; KERN_INVALID_NAME / KERN_INVALID_RIGHT if the name is not
     * a send right.
     */
    public int setSpecialPort(IpcSpace space, int which, int name) {
        if (which != TASK_NOTIFY_PORT && which != TASK_EXCEPTION_PORT && which != TASK_BOOTSTRAP_PORT) {
            return KERN_INVALID_ARGUMENT;
        }
        ipc.lock.lock();
        try {
            IpcPort port = null;
            if (name != MACH_PORT_NULL) {
                IpcObject[] out = new IpcObject[1];
                int kr = IpcRight.copyin(ipc, space, name, MACH_MSG_TYPE_COPY_SEND, false, null, out);
                if (kr != KERN_SUCCESS) {
                    return kr;
                }
                port = (IpcPort) out[0];
            }
            IpcPort old = special[which];
            special[which] = port;
            if (old != null) {
                IpcRight.releaseSend(ipc, old);
            }
            return KERN_SUCCESS;
        } finally {
            ipc.lock.unlock();
        }
    }

    /** Routine: ipc_task_terminate. The kernel port dies; special ports are released. */
    public void destroy() {
        ipc.lock.lock();
        try {
            for (int i = 0; i < special.length; i++) {
                if (special[i] != null) {
                    IpcRight.releaseSend(ipc, special[i]);
                    special[i] = null;
                }
            }
        } finally {
            ipc.lock.unlock();
        }
        ipc.kernelPortDestroy(kernelPort);
    }
}
