package org.jmach.cthreads;

import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;

import java.util.function.Function;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachTraps;

/**
 * One cthread ({@code cthread_t}): a Mach thread of the task, run by
 * {@link CThreads}, with its name, data, result and a wakeup port.
 *
 * <p>Lifecycle (fields guarded by the library's lock):
 * <pre>
 *   RUNNING --body returns / cthread_exit--&gt; DONE --joined, or detached--&gt; REAPED
 * </pre>
 * RUNNING: its function runs (or, for the main cthread, the program does).
 * DONE: the result (or what the function threw) waits for cthread_join;
 * a detached cthread skips this and is reaped at once. REAPED: its wakeup
 * port and its thread port name are given back to the task's space and the
 * record is forgotten.
 *
 * <p>The wakeup port is a receive right in the task's space that only this
 * cthread receives on: it waits for a mutex, a condition or a join by a
 * mach_msg receive there, and whoever ends the wait sends it one empty
 * message. A thread waits for one thing at a time and each wait is ended by
 * exactly one message, so at most one message is ever queued there.
 *
 * @param <R> the type of its result
 */
public final class CThread<R> {

    /** msgh_id of a wakeup message; any value would do, this one reads well in a trace. */
    static final int WAKEUP_ID = 0x63746872;
    /** A wakeup is a bare header; the receive buffer has room to spare. */
    private static final int BUFFER_SIZE = 64;

    final int id;
    final boolean main;
    /** The task's name for a send right to the thread's kernel port. */
    final int thread;
    /** The receive right this cthread waits on. */
    final int wakeupPort;

    /** The cthread's traps: used only by the cthread itself. Set before it runs any code of the library. */
    MachTraps traps;
    /** The thread's MIG reply port as it ended, to give back when it is reaped; MACH_PORT_NULL if unknown. */
    int replyPort = MACH_PORT_NULL;

    // Guarded by the library's lock.
    volatile String name;
    volatile Object data;
    volatile boolean done;
    boolean detached;
    boolean reaped;
    /** The cthread waiting in cthread_join for this one, or null. */
    CThread<?> joiner;
    Object result;
    Throwable failure;
    /** The function and its argument, until the cthread starts; null for the main cthread. */
    Function<MachTraps, R> body;

    // Used only by this cthread, as C threads use the stack.
    private final MachMessage receiveBuffer = new MachMessage(BUFFER_SIZE);
    private final MachMessage sendBuffer = new MachMessage(BUFFER_SIZE);

    CThread(int id, boolean main, int thread, int wakeupPort) {
        this.id = id;
        this.main = main;
        this.thread = thread;
        this.wakeupPort = wakeupPort;
    }

    /** Its number in the task: 0 for the main cthread, then 1, 2, ... in order of cthread_fork. */
    public int id() {
        return id;
    }

    /** {@code cthread_name}: the name set by cthread_set_name, or null. */
    public String name() {
        return name;
    }

    /**
     * The task's name for a send right to the Mach thread ({@code cthread_thread}):
     * valid while the cthread is not reaped.
     */
    public int thread() {
        return thread;
    }

    /** Whether its function has ended (it may not be joined yet). */
    public boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        String n = name;
        return "cthread " + id + (n != null ? " (" + n + ")" : "");
    }

    /**
     * Waits in the kernel until another cthread wakes this one. Called only
     * by this cthread.
     *
     * @throws CThreadException if the receive fails: the wakeup port is gone
     *         (the library was closed) or the thread is being terminated
     */
    void await() {
        // machMsg retries MACH_RCV_INTERRUPTED, so thread_abort does not break a wait.
        int mr = traps.machMsg(receiveBuffer, MACH_RCV_MSG, 0, BUFFER_SIZE, wakeupPort, 0, 0);
        if (mr != MACH_MSG_SUCCESS) {
            throw new CThreadException(this + ": mach_msg receive on its wakeup port: "
                    + MachMsgReturn.name(mr));
        }
    }

    /**
     * Ends {@code waiter}'s wait: one empty message to its wakeup port, sent
     * with this cthread's traps. The task holds the receive right, so the
     * send right is made from it (MAKE_SEND) for this message alone.
     */
    void wake(CThread<?> waiter) {
        sendBuffer.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), waiter.wakeupPort, MACH_PORT_NULL,
                WAKEUP_ID);
        int size = sendBuffer.endBody();
        int mr = traps.machMsg(sendBuffer, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0, 0);
        if (mr != MACH_MSG_SUCCESS) {
            throw new CThreadException(this + ": wakeup of " + waiter + ": " + MachMsgReturn.name(mr));
        }
    }
}
