package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.MachMsg;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachUser;
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
    private MachUser mach;

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
    public MachUser mach() {
        if (mach == null) {
            mach = new MachUser(mig());
        }
        return mach;
    }

    @Override
    public MachPortUser machPort() {
        if (machPort == null) {
            machPort = new MachPortUser(mig());
        }
        return machPort;
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
