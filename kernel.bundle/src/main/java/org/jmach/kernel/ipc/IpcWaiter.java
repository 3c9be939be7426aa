package org.jmach.kernel.ipc;

import java.util.concurrent.locks.LockSupport;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;

/**
 * A thread waiting in mach_msg, to receive from a port or set or to send to
 * a full port. A blocked Java thread parks; a thread that blocked with a
 * continuation has no Java thread at all, and whoever wakes it runs the
 * continuation ({@link MachMsg}): a receive is tried again, a send's
 * message (copied in, its rights in transit) queued again, then the
 * receive of the same mach_msg made.
 *
 * <p>Lifecycle: WAITING, then exactly one transition to the code that ended
 * the wait (WOKEN to retry, or an error), made under the IPC lock by the
 * waker, who also removes the waiter from its queue.
 */
final class IpcWaiter {

    static final int WAITING = 1;
    static final int WOKEN = 0;

    final Thread javaThread;
    final IpcThread thread;
    volatile int state = WAITING;

    // For a wait with a continuation: the mach_msg to finish.
    MachMsgContinuation continuation;
    MachMessage msg;
    int option;
    int rcvSize;
    int rcvName;
    /** The receive's timeout (ms), for a send that blocked before it. */
    int rcvTimeout;
    /** A send's MACH_SEND_NOTIFY receive right. */
    int notify;
    /** A send's message, copied in, waiting for room in its port's queue (null for a receive). */
    IpcKmsg kmsg;
    /** What thread_abort makes the wait return: MACH_RCV_INTERRUPTED or MACH_SEND_INTERRUPTED. */
    int interruptCode;
    /** A wait with a continuation and MACH_RCV_TIMEOUT or MACH_SEND_TIMEOUT: when it times out (System.nanoTime), else 0. */
    long deadline;
    /** The timer that ends such a wait at its deadline, if one is set. */
    java.util.concurrent.ScheduledFuture<?> timer;
    /** Where the waiter is queued, to remove it on timeout or abort. */
    java.util.ArrayDeque<IpcWaiter> queue;

    IpcWaiter(IpcThread thread, Thread javaThread) {
        this.thread = thread;
        this.javaThread = javaThread;
    }

    /**
     * Ends the wait with {@code result}. Conditions: the IPC lock held; the
     * waiter already taken off its queue. Returns true if it was waiting.
     */
    boolean wake(int result) {
        if (state != WAITING) {
            return false;
        }
        state = result;
        if (javaThread != null) {
            LockSupport.unpark(javaThread);
        }
        return true;
    }
}
