package org.jmach.kernel.ipc;

import org.jmach.mach.MachTraps;

/**
 * The part of a Mach thread that IPC sees (GNU Mach keeps it in
 * {@code struct thread}'s {@code ith_*} fields): its task's space and
 * memory, its traps, the wait it is in, and how it gives up and gets back a
 * processor around a block.
 *
 * <p>Conditions: {@code waiter} is written under the IPC lock.
 */
public abstract class IpcThread {

    volatile IpcWaiter waiter;

    /**
     * The thread blocked in mach_msg with a continuation, and no Java thread
     * has taken it up since: set by {@link MachMsg#receive} under the IPC
     * lock as it queues the continuation's waiter, cleared by
     * {@link MachMsg#resume} when a Java thread takes the thread up to run
     * the continuation. Unlike the waiter's state, a wakeup does not clear
     * it: see {@link #blockedWithContinuation}.
     */
    volatile boolean continuationBlocked;

    protected IpcThread() {
    }

    /** The space of the thread's task. */
    public abstract IpcSpace space();

    /** The memory of the thread's task. */
    public abstract IpcMemory memory();

    /** The traps standing for this thread. */
    public abstract MachTraps traps();

    /**
     * Faults the page at {@code address} of the thread's task in, waiting
     * for its manager if need be. Returns whether it is now at hand.
     * Conditions: no lock held.
     */
    protected boolean faultIn(long address) {
        return false;
    }

    /**
     * Whether the thread waits for the page at {@code address} without its
     * Java thread, after its trap returns {@link MachMsg#MACH_SEND_FAULT_DEFERRED}
     * and before it makes the trap again (an interpreted thread's mach_msg
     * trap); false: {@link #faultIn} waits. Conditions: no lock held.
     */
    protected boolean deferFault(long address) {
        return false;
    }

    /** Gives up the processor before blocking. Conditions: no lock held. */
    protected abstract void blockBegin();

    /** Gets a processor back after blocking. Conditions: no lock held. */
    protected abstract void blockEnd();

    /**
     * Lends this thread's processor to {@code to}, whose continuation the
     * calling Java thread is about to run (handoff). Returns false if it
     * cannot; the continuation then runs on another Java thread.
     * Conditions: no lock held.
     */
    protected boolean handoffBegin(IpcThread to) {
        return true;
    }

    /** Takes the processor back from {@code to} after its continuation ran. Conditions: no lock held. */
    protected void handoffEnd(IpcThread to) {
    }

    /**
     * Keeps {@code code}, which takes the thread up again (a woken
     * continuation), until the thread may run, if it is suspended now:
     * returns true if it did (the resumption or termination hands it to a
     * Java thread), false if the caller must run it. Conditions: no lock held.
     */
    protected boolean deferWhileStopped(Runnable code) {
        return false;
    }

    /** Java code starts running for this thread (its body or a continuation). */
    protected void runnerStart() {
    }

    /** Java code stops running for this thread; it may end if it no longer waits. */
    protected void runnerEnd() {
    }

    /**
     * The thread's code (a continuation) threw: it must not reach the
     * thread that happened to run it. The thread ends unless it blocked again.
     */
    protected void uncaught(RuntimeException e) {
        System.err.println("jmach: " + this + " ended by an uncaught " + e);
    }

    /** Whether the thread is blocked with a continuation (and so has no Java stack). */
    public boolean waitsWithContinuation() {
        IpcWaiter w = waiter;
        return w != null && w.continuation != null && w.state == IpcWaiter.WAITING;
    }

    /**
     * Whether the thread blocked with a continuation and no Java thread has
     * taken it up since, whether or not its wait has ended meanwhile.
     *
     * <p>In Mach the stack that blocks with a continuation is gone at once;
     * here the Java code that blocked the thread still unwinds (the trap's
     * exit, the rest of the body or of the continuation that blocked again,
     * up to the handoff's end or the pool's release of the processor), and a
     * sender may wake the thread meanwhile, leaving a pooled Java thread
     * waiting for the processor to run the continuation. While this holds,
     * the unwinding code no longer acts for the thread: it must neither end
     * it nor give its processor away and wait for another (the scheduler
     * would then wake only one of two Java threads waiting for one Mach
     * thread); it only returns and gives the processor back, which is what
     * lets the next Java thread take the thread up.
     */
    public boolean blockedWithContinuation() {
        return continuationBlocked;
    }

    /**
     * What the thread waits for in mach_msg, for consoles: "mach_msg send"
     * (a full queue), "mach_msg receive", "mach_msg receive (continuation)";
     * "" if it does not wait there.
     */
    public String waitDescription() {
        IpcWaiter w = waiter;
        if (w == null || w.state != IpcWaiter.WAITING) {
            return "";
        }
        if (w.interruptCode == org.jmach.mach.MachMsgReturn.MACH_SEND_INTERRUPTED) {
            return "mach_msg send";
        }
        return w.continuation != null ? "mach_msg receive (continuation)" : "mach_msg receive";
    }

    /** Whether the thread is waiting in mach_msg (for tests and thread_info). */
    public boolean isWaitingInMachMsg() {
        IpcWaiter w = waiter;
        return w != null && w.state == IpcWaiter.WAITING;
    }
}
