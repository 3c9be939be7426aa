package org.jmach.kernel.kern;

import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_DEPRESS;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_NONE;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_WAIT;

import java.util.concurrent.locks.LockSupport;

import org.jmach.kernel.ipc.MachMsg;
import org.jmach.mach.GnumachUser;
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.MigUser;
import org.jmach.mach.NativeEntry;

/**
 * The traps of one native thread: the kernel's implementation of
 * {@link MachTraps}, bound to the thread it was made for. Every trap is a
 * kernel entry and exit, where the thread acts on its ASTs (preemption,
 * suspension, termination) and where user and system time divide; once the
 * thread is terminating, every trap returns KERN_TERMINATED.
 */
final class Traps implements MachTraps {

    private final Task task;
    private final Thread thread;
    private MigUser mig;
    private MachPortUser machPort;
    private MachUser mach;
    private MachHostUser machHost;
    private GnumachUser gnumach;

    Traps(Task task, Thread thread) {
        this.task = task;
        this.thread = thread;
    }

    /** Kernel entry: acts on ASTs. Returns false if the thread is terminating. */
    private boolean enter() {
        if (!thread.checkpoint()) {
            return false;
        }
        thread.kernelMode(true);
        return true;
    }

    /** Kernel exit: acts on ASTs; returns {@code result}, or KERN_TERMINATED if the thread is terminating. */
    private int exit(int result) {
        thread.kernelMode(false);
        return thread.checkpoint() ? result : KERN_TERMINATED;
    }

    @Override
    public int machMsgTrap(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName, int timeout,
            int notify) {
        if (!enter()) {
            return KERN_TERMINATED;
        }
        int mr = MachMsg.machMsgTrap(task.ipc(), thread, msg, option, sendSize, rcvSize, rcvName, timeout, notify,
                null);
        count(option, mr);
        return exit(mr);
    }

    @Override
    public int machMsgContinue(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName, int timeout,
            int notify, MachMsgContinuation continuation) {
        if (!enter()) {
            return KERN_TERMINATED;
        }
        Interpreter in = thread.interpreter();
        MachMsgContinuation ending = in == null ? null : in.emulationContinuation(continuation);
        int mr = MachMsg.machMsgTrap(task.ipc(), thread, msg, option, sendSize, rcvSize, rcvName, timeout, notify,
                ending != null ? ending : continuation);
        count(option, mr);
        return exit(mr);
    }

    /** task_events_info's message counts. */
    private void count(int option, int mr) {
        if (mr == MACH_MSG_SUCCESS) {
            if ((option & MACH_SEND_MSG) != 0) {
                task.messagesSent.incrementAndGet();
            }
            if ((option & MACH_RCV_MSG) != 0) {
                task.messagesReceived.incrementAndGet();
            }
        }
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
    public MachHostUser machHost() {
        if (machHost == null) {
            machHost = new MachHostUser(mig());
        }
        return machHost;
    }

    @Override
    public GnumachUser gnumach() {
        if (gnumach == null) {
            gnumach = new GnumachUser(mig());
        }
        return gnumach;
    }

    @Override
    public int load(long address, byte[] dst, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > dst.length) {
            return KERN_INVALID_ARGUMENT;
        }
        while (true) {
            int kr = task.map().load(address, dst, offset, length, thread.vmThread());
            if (kr == KERN_SUCCESS || fault(kr) != KERN_SUCCESS) {
                return kr;
            }
        }
    }

    @Override
    public int store(long address, byte[] src, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > src.length) {
            return KERN_INVALID_ARGUMENT;
        }
        while (true) {
            int kr = task.map().store(address, src, offset, length, thread.vmThread());
            if (kr == KERN_SUCCESS || fault(kr) != KERN_SUCCESS) {
                return kr;
            }
        }
    }

    /**
     * A bad access: EXC_BAD_ACCESS with the fault's code (KERN_INVALID_ADDRESS,
     * KERN_PROTECTION_FAILURE, KERN_MEMORY_ERROR, ...) and its address.
     * KERN_SUCCESS if a handler fixed it and the access may be retried.
     */
    private int fault(int kr) {
        return raiseException(EXC_BAD_ACCESS, kr, thread.vmThread().faultAddress);
    }

    @Override
    public int raiseException(int exception, int code, long subcode) {
        if (!enter()) {
            return KERN_TERMINATED;
        }
        return exit(MachException.exception(thread, exception, code, subcode));
    }

    @Override
    public int threadSwitch(int threadName, int option, int time) {
        if (option != SWITCH_OPTION_NONE && option != SWITCH_OPTION_DEPRESS && option != SWITCH_OPTION_WAIT) {
            return KERN_INVALID_ARGUMENT;
        }
        if (!enter()) {
            return KERN_TERMINATED;
        }
        Thread hint = null;
        if (threadName != MACH_PORT_NULL
                && task.ipc().kobjectForName(task.space(), threadName) instanceof Thread t) {
            hint = t;
        }
        SchedPrim sched = task.sched();
        if (option == SWITCH_OPTION_DEPRESS) {
            sched.lock.lock();
            try {
                sched.depress(thread, time);
            } finally {
                sched.lock.unlock();
            }
        }
        if (option == SWITCH_OPTION_WAIT) {
            sched.release(thread, SchedPrim.WAITING);
            LockSupport.parkNanos(this, Math.max(1, (long) time) * 1_000_000L);
            sched.acquire(thread);
        } else {
            sched.yieldTo(thread, hint);
        }
        return exit(KERN_SUCCESS);
    }

    @Override
    public int swtch() {
        if (!enter()) {
            return KERN_TERMINATED;
        }
        task.sched().yieldTo(thread, null);
        return exit(task.sched().othersRunnable(thread) ? 1 : 0);
    }

    @Override
    public int swtchPri(int priority) {
        if (!enter()) {
            return KERN_TERMINATED;
        }
        SchedPrim sched = task.sched();
        sched.lock.lock();
        try {
            sched.depress(thread, 0);
        } finally {
            sched.lock.unlock();
        }
        sched.yieldTo(thread, null);
        return exit(sched.othersRunnable(thread) ? 1 : 0);
    }

    @Override
    public long nativeEntry(NativeEntry entry) {
        return entry == null ? 0 : task.nativeEntry(entry);
    }
}
