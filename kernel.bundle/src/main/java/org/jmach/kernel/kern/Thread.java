package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.SchedPrim.HALTED;
import static org.jmach.kernel.kern.SchedPrim.LENT;
import static org.jmach.kernel.kern.SchedPrim.NEW;
import static org.jmach.kernel.kern.SchedPrim.RUNNABLE;
import static org.jmach.kernel.kern.SchedPrim.RUNNING;
import static org.jmach.kernel.kern.SchedPrim.STOPPED;
import static org.jmach.kernel.kern.SchedPrim.WAITING;
import static org.jmach.mach.Policy.POLICY_TIMESHARE;

import java.util.function.Consumer;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcMemory;
import org.jmach.kernel.ipc.IpcSpace;
import org.jmach.kernel.ipc.IpcThread;
import org.jmach.kernel.ipc.IpcTt;
import org.jmach.kernel.ipc.MachMsg;
import org.jmach.vm.spi.VmThread;
import org.jmach.mach.MachTraps;
import org.jmach.mach.NativeThreadState;
import org.jmach.mach.ThreadSpecialPorts;

/**
 * A Mach thread (GNU Mach's {@code kern/thread.c}). A native thread is Java
 * code of a task, run by a Java thread that runs only while the scheduler
 * has given the thread a processor, and gives it back whenever it blocks in
 * the kernel. An interpreted thread is a RISC-V register file whose code is
 * the interpreter loop ({@link Interpreter}): to the scheduler, the same.
 * A thread blocked with a continuation has no Java thread at all while it
 * waits.
 *
 * <p>Lifecycle (the scheduler's states, {@link SchedPrim}): NEW (made by
 * thread_create, suspended once, no code yet), then RUNNING, RUNNABLE,
 * WAITING (blocked in the kernel) or STOPPED (suspended, by its own or its
 * task's count), and HALTED for good: when its code returns without
 * blocking again with a continuation, when it is terminated (thread_abort
 * ends a wait in mach_msg; a running thread halts at its next kernel entry
 * or exit, and every later trap fails with KERN_TERMINATED), or when its
 * task terminates.
 *
 * <p>Conditions: the scheduling and time fields are guarded by the
 * scheduler lock; the register set by its own monitor. The thread's monitor is
 * never held while taking the IPC lock (MIG routines hold that lock first).
 */
public final class Thread extends IpcThread {

    private final Task task;
    private final int id;
    private volatile String name;
    private final Traps traps;
    private final IpcTt ports;
    private final long createdMillis = System.currentTimeMillis();

    // Scheduling (SchedPrim's lock).
    volatile int state = NEW;
    volatile Processor processor;
    int lastProcessor = -1;
    long lastRanTick;
    RunQueue runq;
    int runqPriority;
    ProcessorSet pset;
    int priority;
    int maxPriority;
    int schedPri;
    int policy = POLICY_TIMESHARE;
    int policyData;
    int schedUsage;
    boolean depressed;
    long depressUntil;
    int suspendCount;
    /** thread_resume has started a NEW thread's code. */
    boolean startClaimed;
    /**
     * An interpreted thread stopped (suspended) with a continuation: the
     * wakeup port the resumption that lets it run sends to
     * ({@link SchedPrim#stopWithContinuation}); null otherwise.
     */
    volatile org.jmach.kernel.ipc.IpcPort resumeWakeup;
    /**
     * Under the scheduler lock: the Java code that takes the thread up
     * again (a woken continuation, or the rest of one), kept while the
     * thread is suspended rather than given a parked Java thread
     * ({@link SchedPrim#deferWhileStopped}); null otherwise.
     */
    Runnable deferred;
    /** The thread must look at the scheduler at its next check (preempt, stop, move, halt). */
    volatile boolean ast;
    volatile boolean terminating;
    volatile boolean ended;
    java.lang.Thread pendingAcquirer;
    volatile java.lang.Thread javaThread;

    // Time, sampled by the clock (written under SchedPrim's lock); the mode is the running thread's to set.
    volatile long userNanos;
    volatile long systemNanos;
    volatile boolean inKernel;

    /** The register set of NATIVE_THREAD_STATE: pc, then a0..a7. Guarded by itself. */
    private final long[] registers = new long[1 + NativeThreadState.NATIVE_ARGS];

    /** The register file and interpreter of an interpreted (RISC-V) thread; null for a native one. */
    private volatile Interpreter interpreter;

    /** Java code running for this thread: its body and continuations. Guarded by this. */
    private int runners;
    /** Whether {@link #start} gave it a body. */
    private volatile boolean started;
    /** Counted down when the body started by {@link #start} returns. */
    private final java.util.concurrent.CountDownLatch bodyReturned = new java.util.concurrent.CountDownLatch(1);

    Thread(Task task, int id, String name) {
        this.task = task;
        this.id = id;
        this.name = name;
        this.traps = new Traps(task, this);
        this.ports = new IpcTt(task.ipc(), this, Ipc.IKOT_THREAD, ThreadSpecialPorts.THREAD_EXCEPTION_PORT);
    }

    /** A new send right to the thread's kernel port in its task's space (mach_thread_self). */
    int threadSelf() {
        return ports.taskSelf(task.space());
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

    /** Routine: thread_set_name. */
    void setName(String name) {
        this.name = name;
    }

    /** The thread's kernel port and special ports. */
    public IpcTt ports() {
        return ports;
    }

    SchedPrim sched() {
        return task.sched();
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
    protected boolean faultIn(long address) {
        return task.map().load(address, new byte[1], 0, 1, vmThread) == org.jmach.mach.KernReturn.KERN_SUCCESS;
    }

    @Override
    protected boolean deferFault(long address) {
        Interpreter in = interpreter;
        return in != null && in.deferTrapFault(address);
    }

    /** The thread as VM sees it: it gives up its processor while a fault waits. */
    public VmThread vmThread() {
        return vmThread;
    }

    private final VmThread vmThread = new VmThread() {
        @Override
        public void blockBegin() {
            Thread.this.blockBegin();
        }

        @Override
        public void blockEnd() {
            Thread.this.blockEnd();
        }

        @Override
        public boolean privileged() {
            return vmPrivilege || task.vmPrivileged;
        }

        @Override
        public void messagesBegin() {
            task.ipc().collectHandoffs();
        }

        @Override
        public void messagesEnd() {
            task.ipc().runHandoffs(Thread.this);
        }
    };

    /** thread_wire: the thread may take the frames VM keeps for paging. */
    volatile boolean vmPrivilege;

    @Override
    protected void blockBegin() {
        sched().release(this, ended ? HALTED : WAITING);
    }

    @Override
    protected void blockEnd() {
        sched().acquire(this);
    }

    @Override
    protected boolean handoffBegin(IpcThread to) {
        return to instanceof Thread t && sched().handoffBegin(this, t);
    }

    @Override
    protected void handoffEnd(IpcThread to) {
        sched().handoffEnd(this, (Thread) to);
    }

    // ---- Running code ----

    /**
     * Starts running {@code body} as this thread: the thread is made
     * runnable at once, and a Java thread of the kernel's pool (as Mach
     * reuses kernel stacks) runs the body once the thread holds a processor.
     */
    void start(Consumer<MachTraps> body) {
        started = true;
        boolean running = sched().start(this, () -> {
            try {
                runAsThread(body, false);
            } finally {
                bodyReturned.countDown();
            }
        });
        if (!running) {
            ended();
            bodyReturned.countDown();
        }
    }

    /**
     * Runs {@code code} as this thread on the calling Java thread of the
     * pool: waits until the thread holds a processor, runs the code unless
     * the thread is terminating, then gives the processor back. With
     * {@code counted} the caller has already counted the code as running
     * for the thread ({@link #runnerStart}).
     */
    private void runAsThread(Consumer<MachTraps> code, boolean counted) {
        java.lang.Thread me = java.lang.Thread.currentThread();
        String poolName = me.getName();
        me.setName("mach " + task.name() + "." + name);
        SchedPrim sched = sched();
        sched.acquire(this);
        if (!counted) {
            runnerStart();
        }
        try {
            if (!terminating) {
                code.accept(traps);
            }
        } catch (RuntimeException e) {
            uncaught(e);
        } finally {
            runnerEnd();
            sched.release(this, ended ? HALTED : WAITING);
            me.setName(poolName);
        }
    }

    /**
     * Continues the thread's code on a new Java thread of the pool: called
     * by a continuation that must not keep the Java thread it runs on (an
     * interpreted thread's, which would otherwise hold a sender that lent
     * it a processor for as long as the program runs). The new Java thread
     * counts as running for the thread at once, so the continuation's
     * return does not end it; it takes the thread up once the
     * continuation's Java thread has given the processor back
     * ({@link SchedPrim#acquire}).
     *
     * <p>Conditions: called from the thread's continuation, nothing locked.
     */
    void continueOnPool(Consumer<MachTraps> code) {
        runnerStart();
        Runnable go = () -> runAsThread(code, true);
        if (!sched().deferWhileStopped(this, go) && !sched().spawn(go)) {
            runnerEnd();
        }
    }

    @Override
    protected boolean deferWhileStopped(Runnable code) {
        return sched().deferWhileStopped(this, code);
    }

    /** Binds the calling Java thread as this thread, once it holds a processor. */
    void attach() {
        sched().acquire(this);
    }

    /** Ends an attached thread: gives back its processor. Idempotent. */
    public void detach() {
        if (!ended) {
            ended();
            sched().release(this, HALTED);
        }
    }

    @Override
    protected synchronized void runnerStart() {
        runners++;
    }

    /**
     * The thread ends when no Java code runs for it and it has not blocked
     * with a continuation. A continuation already woken but not yet taken up
     * (a pooled Java thread waits for the processor this code still holds)
     * still counts as blocked: ending the thread here would run that
     * continuation as a halted thread, on no processor.
     */
    @Override
    protected void runnerEnd() {
        boolean end;
        synchronized (this) {
            end = --runners == 0 && (terminating || !blockedWithContinuation()) && !ended;
        }
        if (end) {
            ended(); // outside the monitor: it takes the IPC lock, and MIG routines hold that lock first
        }
    }

    private void ended() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        Interpreter in = interpreter;
        if (in != null) {
            in.dispose();
        }
        task.threadGone(this);
        ports.destroy();
    }

    /**
     * Called at every kernel entry and exit of the thread's traps: acts on
     * its ASTs (see {@link SchedPrim#checkpoint}). Returns false if the
     * thread is terminating.
     */
    boolean checkpoint() {
        return sched().checkpoint(this, interpreter == null);
    }

    /**
     * The checkpoint where a suspended interpreted thread stops with its
     * Java thread parked (as a native thread does): when it cannot stop
     * with a continuation (its task's space is dead).
     */
    boolean checkpointStopping() {
        ast = true;
        return sched().checkpoint(this, true);
    }

    /** Enters (true) or leaves (false) the kernel: the clock charges its ticks to system or user time. */
    void kernelMode(boolean entering) {
        inKernel = entering;
    }

    /** User and system time in nanoseconds, as the clock has sampled them. */
    long[] times() {
        return new long[] {userNanos, systemNanos};
    }

    /** When the thread was created, in ms since the epoch. */
    long createdMillis() {
        return createdMillis;
    }

    // ---- Registers ----

    /** Routine: thread_get_state for NATIVE_THREAD_STATE. */
    NativeThreadState nativeState() {
        synchronized (registers) {
            long[] args = new long[NativeThreadState.NATIVE_ARGS];
            System.arraycopy(registers, 1, args, 0, args.length);
            return new NativeThreadState(registers[0], args);
        }
    }

    /** Routine: thread_set_state for NATIVE_THREAD_STATE. */
    void setNativeState(NativeThreadState s) {
        synchronized (registers) {
            registers[0] = s.pc();
            System.arraycopy(s.args(), 0, registers, 1, NativeThreadState.NATIVE_ARGS);
        }
    }

    /** The interpreter of an interpreted thread; null for a native one. */
    Interpreter interpreter() {
        return interpreter;
    }

    /**
     * The thread's interpreter, made now if the thread is NEW and has none:
     * a thread becomes interpreted by thread_set_state of a RISC-V flavor
     * before it first runs. Returns null for a native thread that already runs.
     */
    synchronized Interpreter interpreterForState() {
        if (interpreter == null && !started && state == NEW) {
            interpreter = new Interpreter(this);
        }
        return interpreter;
    }

    /** Ends the slice an interpreted thread runs (the clock, when it posts an AST); nothing for a native thread. */
    void interruptHart() {
        Interpreter in = interpreter;
        if (in != null) {
            in.interrupt();
        }
    }

    // ---- Suspension and termination ----

    /**
     * Routine: thread_terminate (kernel side). Purpose: end the thread: a
     * wait in mach_msg is interrupted, a thread that does not run halts at
     * once, a running one at its next kernel entry or exit.
     *
     * <p>Conditions: nothing locked but possibly the IPC lock (MIG
     * routines run under it); takes the scheduler lock.
     */
    void terminate() {
        terminating = true;
        ast = true;
        boolean startedNever;
        Runnable deferredRun;
        SchedPrim sched = sched();
        sched.lock.lock();
        try {
            startedNever = state == NEW;
            if (state == NEW || state == STOPPED || state == RUNNABLE || state == WAITING) {
                if (runq != null) {
                    runq.remove(this);
                }
                state = HALTED;
                pset.threads.remove(this);
                java.lang.Thread j = javaThread;
                if (j != null) {
                    java.util.concurrent.locks.LockSupport.unpark(j);
                }
            }
            deferredRun = deferred;
            deferred = null;
        } finally {
            sched.lock.unlock();
        }
        if (deferredRun != null) {
            sched.spawn(deferredRun); // it finds the thread halted and ends it (false: the kernel halts, nothing runs)
        }
        MachMsg.abort(task.ipc(), this);
        if (startedNever) {
            ended();
        }
    }

    /**
     * Routine: thread_abort. Purpose: interrupt the thread's wait in
     * mach_msg (MACH_RCV_INTERRUPTED or MACH_SEND_INTERRUPTED).
     * Returns: KERN_SUCCESS.
     */
    public int abort() {
        return MachMsg.abort(task.ipc(), this);
    }

    public boolean isTerminated() {
        return ended || state == HALTED;
    }

    /** As {@link #join()}, for at most {@code millis}; whether the body returned. */
    public boolean join(long millis) throws InterruptedException {
        return !started || bodyReturned.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Waits for a started thread's body to return (at once for a thread that never had one). */
    public void join() throws InterruptedException {
        if (started) {
            bodyReturned.await();
        }
    }

    /** Whether the state counts as running for thread_info (running, runnable or lent). */
    static boolean isRunState(int s) {
        return s == RUNNING || s == RUNNABLE || s == LENT;
    }

    @Override
    public String toString() {
        return "thread " + task.name() + "." + name;
    }
}
