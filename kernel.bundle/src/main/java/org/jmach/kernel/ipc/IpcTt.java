package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Port.MACH_PORT_NULL;

/**
 * The ports of a task or a thread (GNU Mach's {@code kern/ipc_tt.c}): its
 * kernel port, whose receive right the kernel holds, and the send rights
 * the kernel keeps for it as special ports (for a task: notify, exception,
 * bootstrap; for a thread: exception). Special port ids are those of
 * {@code task_special_ports.h} and {@code thread_special_ports.h}; id 1 is
 * the kernel port in both.
 *
 * <p>Conditions: the special ports are guarded by the IPC lock.
 */
public final class IpcTt {

    /** The id of the kernel port among the special ports (TASK_KERNEL_PORT, THREAD_KERNEL_PORT). */
    public static final int KERNEL_PORT = 1;

    private final Ipc ipc;
    private final IpcPort kernelPort;
    private final int[] settable;
    private final IpcPort[] special;

    /**
     * Routine: ipc_task_init / ipc_thread_init. Creates the kernel port of
     * {@code kobject} (IKOT_TASK or IKOT_THREAD); {@code settable} are the
     * special port ids other than the kernel port.
     */
    public IpcTt(Ipc ipc, Object kobject, int kotype, int... settable) {
        this.ipc = ipc;
        this.kernelPort = ipc.kernelPortAlloc(kobject, kotype);
        this.settable = settable.clone();
        int max = 0;
        for (int id : settable) {
            max = Math.max(max, id);
        }
        this.special = new IpcPort[max + 1];
    }

    /** The kernel port. */
    public IpcPort kernelPort() {
        return kernelPort;
    }

    /** A new send right to the kernel port in {@code space} (mach_task_self, mach_thread_self). */
    public int taskSelf(IpcSpace space) {
        return ipc.makeSendCopyout(kernelPort, space);
    }

    private boolean isSettable(int which) {
        for (int id : settable) {
            if (id == which) {
                return true;
            }
        }
        return false;
    }

    /**
     * Routine: task_get_special_port (by name). Purpose: a send right, in
     * {@code space}, to one of the special ports.
     * Returns: KERN_SUCCESS (name MACH_PORT_NULL if unset); KERN_INVALID_ARGUMENT
     * for an unknown id.
     */
    public int getSpecialPort(IpcSpace space, int which, int[] name) {
        if (which == KERNEL_PORT) {
            name[0] = taskSelf(space);
            return KERN_SUCCESS;
        }
        if (!isSettable(which)) {
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
     * Routine: task_set_special_port (by name). Purpose: keep a copy of the
     * send right {@code name} of {@code space} (MACH_PORT_NULL clears it).
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown id or the
     * kernel port; KERN_INVALID_NAME / KERN_INVALID_RIGHT if the name is not
     * a send right.
     */
    public int setSpecialPort(IpcSpace space, int which, int name) {
        if (!isSettable(which)) {
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
            replace(which, port);
            return KERN_SUCCESS;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: task_get_special_port (kernel side). Purpose: a new send
     * right to a special port, for a reply to carry.
     * Conditions: the IPC lock held. Returns: KERN_SUCCESS with the right
     * (null if unset); KERN_INVALID_ARGUMENT for an unknown id.
     */
    public int specialPort(int which, IpcPort[] right) {
        IpcPort port;
        if (which == KERNEL_PORT) {
            port = kernelPort;
        } else if (isSettable(which)) {
            port = special[which];
        } else {
            return KERN_INVALID_ARGUMENT;
        }
        if (port != null) {
            IpcRight.makeSendLocked(port);
        }
        right[0] = port;
        return KERN_SUCCESS;
    }

    /**
     * Routine: task_set_special_port (kernel side). Purpose: keep the send
     * right {@code port}, which this call consumes (null clears).
     * Conditions: the IPC lock held. Returns: KERN_SUCCESS;
     * KERN_INVALID_ARGUMENT for an unknown id or the kernel port (the right
     * is then released).
     */
    public int setSpecialPortRight(int which, IpcPort port) {
        if (!isSettable(which)) {
            if (port != null) {
                IpcRight.releaseSend(ipc, port);
            }
            return KERN_INVALID_ARGUMENT;
        }
        replace(which, port);
        return KERN_SUCCESS;
    }

    /** The special port, without a new right (for the kernel's own sends). Conditions: the IPC lock held. */
    public IpcPort peek(int which) {
        return which == KERNEL_PORT ? kernelPort : which < special.length ? special[which] : null;
    }

    private void replace(int which, IpcPort port) {
        IpcPort old = special[which];
        special[which] = port;
        if (old != null) {
            IpcRight.releaseSend(ipc, old);
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
