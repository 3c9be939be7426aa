package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.IpcTaskObject;
import org.jmach.kernel.ipc.MachMsg;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigUser;

/**
 * The traps of one native thread: the kernel's implementation of
 * {@link MachTraps}, bound to the thread it was made for.
 */
final class Traps implements MachTraps {

    private final Task task;
    private final Thread thread;
    private MigUser mig;
    private MachPortUser machPort;

    Traps(Task task, Thread thread) {
        this.task = task;
        this.thread = thread;
    }

    @Override
    public int machMsgTrap(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName, int timeout,
            int notify) {
        return MachMsg.machMsgTrap(task.ipc(), thread, msg, option, sendSize, rcvSize, rcvName, timeout, notify,
                null);
    }

    @Override
    public int machMsgContinue(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName, int timeout,
            int notify, MachMsgContinuation continuation) {
        return MachMsg.machMsgTrap(task.ipc(), thread, msg, option, sendSize, rcvSize, rcvName, timeout, notify,
                continuation);
    }

    @Override
    public int machReplyPort() {
        return task.ipc().portAllocReceive(task.space());
    }

    @Override
    public int machTaskSelf() {
        return task.ports().taskSelf(task.space());
    }

    @Override
    public int machThreadSelf() {
        return thread.threadSelf();
    }

    @Override
    public int machHostSelf() {
        return task.ipc().makeSendCopyout(task.host().port(), task.space());
    }

    /** Made on first use: the thread's code is its only caller. */
    @Override
    public MigUser mig() {
        if (mig == null) {
            mig = new MigUser(this);
        }
        return mig;
    }

    @Override
    public MachPortUser machPort() {
        if (machPort == null) {
            machPort = new MachPortUser(mig());
        }
        return machPort;
    }

    @Override
    public int vmAllocate(int taskName, long[] address, long size, boolean anywhere) {
        IpcTaskObject target = task.ipc().taskFor(task.space(), taskName);
        if (!(target instanceof Task t) || !t.isActive()) {
            return KERN_INVALID_TASK;
        }
        if (size <= 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (anywhere) {
            long a = t.memory().allocate(size);
            if (a < 0) {
                return KERN_NO_SPACE;
            }
            address[0] = a;
            return KERN_SUCCESS;
        }
        if ((address[0] & (org.jmach.hw.Machine.PAGE_SIZE - 1)) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        return t.memory().allocateFixed(address[0], size) ? KERN_SUCCESS : KERN_NO_SPACE;
    }

    @Override
    public int vmDeallocate(int taskName, long address, long size) {
        IpcTaskObject target = task.ipc().taskFor(task.space(), taskName);
        if (!(target instanceof Task t) || !t.isActive()) {
            return KERN_INVALID_TASK;
        }
        return t.memory().deallocate(address, size) ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
    }

    @Override
    public int load(long address, byte[] dst, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > dst.length) {
            return KERN_INVALID_ARGUMENT;
        }
        return task.memory().read(address, dst, offset, length) ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
    }

    @Override
    public int store(long address, byte[] src, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > src.length) {
            return KERN_INVALID_ARGUMENT;
        }
        return task.memory().write(address, src, offset, length) ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
    }
}
