package org.jmach.mach;

import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INTERRUPTED;
import static org.jmach.mach.Message.MACH_RCV_INTERRUPT;
import static org.jmach.mach.Message.MACH_SEND_INTERRUPT;
import static org.jmach.mach.Message.MACH_SEND_MSG;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Mach traps of one native thread: the calls that are not messages
 * (mach_msg, mach_reply_port, mach_task_self, mach_thread_self,
 * mach_host_self), the thread's MIG user side (its reply port, shared by
 * every generated stub the thread calls; every kernel call is a message
 * through one), and the thread's access to its task's memory, as the CPU
 * has it. The kernel hands each native thread its own instance; it
 * stands for that thread and must not be shared with another.
 */
@ProviderType
public interface MachTraps {

    /**
     * {@code mach_msg_trap}: send, receive, or both. The message is the
     * bytes of {@code msg}; on receive they are replaced by the received
     * message.
     *
     * @return MACH_MSG_SUCCESS or a MACH_SEND_* / MACH_RCV_* code
     */
    int machMsgTrap(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName,
            int timeout, int notify);

    /**
     * {@code mach_msg}, as libmach implements it over the trap: an
     * interrupted send or receive is retried unless MACH_SEND_INTERRUPT or
     * MACH_RCV_INTERRUPT asks to see the interruption.
     */
    default int machMsg(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName,
            int timeout, int notify) {
        int mr = machMsgTrap(msg, option, sendSize, rcvSize, rcvName, timeout, notify);
        while (true) {
            if (mr == MACH_SEND_INTERRUPTED && (option & MACH_SEND_INTERRUPT) == 0) {
                mr = machMsgTrap(msg, option, sendSize, rcvSize, rcvName, timeout, notify);
            } else if (mr == MACH_RCV_INTERRUPTED && (option & MACH_RCV_INTERRUPT) == 0) {
                mr = machMsgTrap(msg, option & ~MACH_SEND_MSG, 0, rcvSize, rcvName, timeout, notify);
            } else {
                return mr;
            }
        }
    }

    /**
     * mach_msg with a continuation. Like {@link #machMsgTrap}, but if the
     * receive would block, the thread blocks without its Java stack: this
     * call returns MACH_RCV_IN_PROGRESS at once, and the caller must return
     * too. When the receive completes, {@code continuation} runs with the
     * message in {@code msg}. A send to a full queue that may wait blocks
     * the same way and returns MACH_SEND_IN_PROGRESS: the message waits with
     * the thread for room, and the continuation gets the result of the whole
     * call, send and receive. If a message is already there, or the send
     * fails, this call returns the result itself and the continuation is not
     * called.
     */
    int machMsgContinue(MachMessage msg, int option, int sendSize, int rcvSize, int rcvName,
            int timeout, int notify, MachMsgContinuation continuation);

    /** {@code mach_reply_port}: a new receive right, or MACH_PORT_NULL if none can be had. */
    int machReplyPort();

    /** {@code mach_task_self}: a send right to the task's kernel port (one more user reference). */
    int machTaskSelf();

    /** {@code mach_thread_self}: a send right to the thread's kernel port. */
    int machThreadSelf();

    /** {@code mach_host_self}: a send right to the host port (one more user reference). */
    int machHostSelf();

    /** The thread's MIG user side: its reply port and message buffer, for generated stubs. */
    MigUser mig();

    /**
     * The mach_port interface: the MIG-generated stubs of
     * {@code mach_port.defs}, each a request to a task port, on {@link #mig()}.
     */
    MachPortUser machPort();

    /**
     * The main kernel interface: the MIG-generated stubs of
     * {@code mach.defs} (the task and thread routines, vm_allocate and
     * vm_deallocate), each a request to a task or thread port, on {@link #mig()}.
     */
    MachUser mach();

    /**
     * The host interface: the MIG-generated stubs of {@code mach_host.defs}
     * (host, processor, processor set and priority routines), on {@link #mig()}.
     */
    MachHostUser machHost();

    /** GNU Mach's own interface: the stubs of {@code gnumach.defs}, on {@link #mig()}. */
    GnumachUser gnumach();

    /**
     * Loads bytes from the task's memory, as the CPU would: a byte that is
     * not mapped is an EXC_BAD_ACCESS exception (code KERN_INVALID_ADDRESS,
     * subcode its address), raised to the thread's, then the task's
     * exception port; if a handler resumes the thread, the access is made
     * again.
     *
     * @return KERN_SUCCESS; KERN_INVALID_ARGUMENT for a bad array range;
     *         KERN_INVALID_ADDRESS if no handler resumed the thread (its task is
     *         then terminated, and the thread must return)
     */
    int load(long address, byte[] dst, int offset, int length);

    /** Stores bytes into the task's memory; faults as {@link #load} does. */
    int store(long address, byte[] src, int offset, int length);

    /**
     * Raises an exception in the calling thread, as a trapping instruction
     * would: an exception_raise RPC to the thread's exception port, then the
     * task's; with no handler that resumes the thread, the task is terminated.
     *
     * @return KERN_SUCCESS when a handler resumed the thread; KERN_TERMINATED
     *         when the task was terminated instead (the thread must return)
     */
    int raiseException(int exception, int code, long subcode);

    /**
     * {@code thread_switch}: gives the processor to {@code thread} (a name for
     * a thread of any task, or MACH_PORT_NULL) if it can run now (handoff),
     * else to whatever the scheduler picks; {@link ThreadSwitch} options
     * depress the caller's priority or make it wait for {@code time} ms.
     *
     * @return KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown option
     */
    int threadSwitch(int thread, int option, int time);

    /** {@code swtch}: yields the processor; returns 1 if other threads could run, 0 if not. */
    int swtch();

    /** {@code swtch_pri}: yields and depresses the caller's priority until it runs again. */
    int swtchPri(int priority);

    /**
     * Registers Java code of the task that its native threads can run: the
     * native counterpart of loading text into the task. The value returned
     * is the program counter to put in a {@link NativeThreadState}.
     *
     * @return a program counter, never 0; 0 if the task has terminated
     */
    long nativeEntry(NativeEntry entry);
}
