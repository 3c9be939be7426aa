package org.jmach.kernel.kern;

import java.util.function.Consumer;

import org.jmach.kernel.ipc.IpcMemory;
import org.jmach.kernel.ipc.IpcSpace;
import org.jmach.kernel.ipc.IpcThread;
import org.jmach.kernel.ipc.MachMsg;
import org.jmach.mach.MachTraps;

/**
 * A native Mach thread (GNU Mach's {@code kern/thread.c}, as far as IPC
 * needs it): Java code of a task, run by a Java thread that must hold a
 * simulated processor to run and gives it back whenever it blocks in the
 * kernel. A thread blocked with a continuation has no Java thread at all
 * while it waits.
 *
 * <p>Lifecycle: running (holding a processor) or blocked; terminated when
 * its body (or the last continuation it ran) returns without the thread
 * blocking again with a continuation, when it is detached, or when its task
 * terminates (a wait in mach_msg is then interrupted).
 */
public final class Thread extends IpcThread {

    private final Task task;
    private final int id;
    private final String name;
    private final Traps traps;
    private final org.jmach.kernel.ipc.IpcPort kernelPort;
    private volatile java.lang.Thread javaThread;
    private volatile boolean terminated;

    Thread(Task task, int id, String name) {
        this.task = task;
        this.id = id;
        this.name = name;
        this.traps = new Traps(task, this);
        this.kernelPort = task.ipc().kernelPortAlloc(this, org.jmach.kernel.ipc.Ipc.IKOT_THREAD);
    }

    /** A new send right to the thread's kernel port in its task's space (mach_thread_self). */
    int threadSelf() {
        return task.ipc().makeSendCopyout(kernelPort, task.space());
    }

    public Task task() {
        return task;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    @Override
    public IpcSpace space() {
        return task.space();
    }

    @Override
    public IpcMemory memory() {
        return task.memory();
    }

    @Override
    public MachTraps traps() {
        return traps;
    }

    @Override
    protected void blockBegin() {
        task.sched().release();
    }

    @Override
    protected void blockEnd() {
        task.sched().acquire();
    }

    /** Java code running for this thread: its body and continuations. Guarded by this. */
    private int runners;

    void start(Consumer<MachTraps> body) {
        java.lang.Thread t = new java.lang.Thread(() -> {
            task.sched().acquire();
            runnerStart();
            try {
                body.accept(traps);
            } finally {
                task.sched().release();
                runnerEnd();
            }
        }, "mach " + task.name() + "." + name);
        t.setDaemon(true);
        javaThread = t;
        t.start();
    }

    void attach() {
        javaThread = java.lang.Thread.currentThread();
        task.sched().acquire();
    }

    /** Ends an attached thread: gives back its processor. Idempotent. */
    public void detach() {
        if (!terminated) {
            task.sched().release();
            ended();
        }
    }

    @Override
    protected synchronized void runnerStart() {
        runners++;
    }

    /** The thread ends when no Java code runs for it and it does not wait with a continuation. */
    @Override
    protected synchronized void runnerEnd() {
        if (--runners == 0 && !waitsWithContinuation() && !terminated) {
            ended();
        }
    }

    private void ended() {
        terminated = true;
        task.threadGone(this);
        task.ipc().kernelPortDestroy(kernelPort);
    }

    /**
     * Routine: thread_abort. Purpose: interrupt the thread's wait in
     * mach_msg (MACH_RCV_INTERRUPTED or MACH_SEND_INTERRUPTED).
     * Returns: KERN_SUCCESS.
     */
    public int abort() {
        return MachMsg.abort(task.ipc(), this);
    }

    /** Terminates the thread as its task ends: aborts its wait; the body sees the error and returns. */
    void terminate() {
        abort();
    }

    public boolean isTerminated() {
        return terminated;
    }

    /** Waits for a created thread's body to return. */
    public void join() throws InterruptedException {
        java.lang.Thread t = javaThread;
        if (t != null && t != java.lang.Thread.currentThread()) {
            t.join();
        }
    }

    @Override
    public String toString() {
        return "thread " + task.name() + "." + name;
    }
}
