package org.jmach.kernel.kern;

import static org.jmach.mach.Policy.MINPRI;
import static org.jmach.mach.Policy.NRQS;
import static org.jmach.mach.Policy.POLICY_TIMESHARE;
import static org.jmach.mach.ProcessorInfo.LOAD_SCALE;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_IDLE;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_RUNNING;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Mach scheduler (GNU Mach's {@code kern/sched_prim.c}, with the
 * priority computation of {@code priority.c}): which thread runs on which
 * simulated processor.
 *
 * <p>A native thread is a Java thread that runs only while it holds a
 * processor: {@link #acquire} makes it runnable and parks it until a
 * processor is dispatched to it; {@link #release} gives the processor to
 * the best runnable thread. A processor first looks at its local run queue
 * (threads that last ran on it: cache affinity), then at its set's global
 * queue (threads that never ran or lost their processor), and an idle one
 * takes work from a sibling's local queue before idling. Native Java code
 * cannot be interrupted, so preemption (a better thread became runnable,
 * the quantum expired, the thread was suspended, moved to another set or
 * terminated) is an AST the thread acts on at its next kernel entry or
 * exit ({@link #checkpoint}), as Mach threads do on return from a trap.
 *
 * <p>Priorities are 0–127, 0 the best. A timesharing thread's scheduled
 * priority is its base priority worsened by its recent CPU use: every
 * clock tick adds one to the usage of each running thread, every second
 * (sched_tick) multiplies every usage by 5/8, and the priority is
 * {@code base + usage * 12 / hz}, so a thread that keeps a processor busy
 * settles some 20 levels below its base, and one that mostly waits stays at
 * its base. A fixed-priority thread keeps its base priority and runs round
 * robin for its own quantum.
 *
 * <p>Conditions: one lock, {@link #lock}, guards every scheduling field of
 * threads, tasks, processors and sets. Lock order: the IPC lock, then this
 * one; code holding this lock takes no other.
 */
public final class SchedPrim {

    /** Thread states (GNU Mach's TH_ bits, as one value). */
    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int RUNNABLE = 2;
    static final int WAITING = 3;
    static final int STOPPED = 4;
    static final int HALTED = 5;
    /** Its processor is lent to the thread whose continuation it runs (IPC handoff). */
    static final int LENT = 6;

    /** How many times a thread waiting for a processor checks before it parks. */
    private static final int SPIN_BEFORE_PARK = 1000;

    /** Usage per tick that worsens a timesharing priority by one level, times hz: see the class comment. */
    private static final int USAGE_LEVELS_PER_SECOND = 12;

    final ReentrantLock lock = new ReentrantLock();
    private final Processor[] processors;
    final ProcessorSet defaultPset = new ProcessorSet("default");
    private final List<ProcessorSet> psets = new ArrayList<>();
    private final int hz;
    private final int minQuantumTicks;
    private final long tickNanos;
    private long ticks;
    private int psetNames;
    private volatile Host host;
    /** Threads whose priority thread_switch or swtch_pri depressed, until their time is up. */
    private final List<Thread> depressed = new ArrayList<>();
    private volatile java.util.concurrent.Executor executor;

    public SchedPrim(int processorCount, int hz) {
        this.hz = Math.max(1, hz);
        this.minQuantumTicks = Math.max(1, this.hz / 10);
        this.tickNanos = 1_000_000_000L / this.hz;
        this.processors = new Processor[processorCount];
        psets.add(defaultPset);
        for (int i = 0; i < processorCount; i++) {
            Processor p = new Processor(i);
            p.pset = defaultPset;
            defaultPset.processors.add(p);
            processors[i] = p;
        }
        // All of an idle machine is there for a new thread until the averages say otherwise.
        defaultPset.machFactor = processorCount * LOAD_SCALE;
    }

    public int processorCount() {
        return processors.length;
    }

    int hz() {
        return hz;
    }

    /** The host these processors are; set once, at boot. */
    Host host() {
        return host;
    }

    void setHost(Host host) {
        this.host = host;
    }

    Processor[] processors() {
        return processors;
    }

    /** The active sets, the default first. Conditions: the lock held. */
    List<ProcessorSet> psets() {
        return psets;
    }

    /** Runs the Java side of native threads (the kernel's pool of stacks); set once, at boot. */
    void setExecutor(java.util.concurrent.Executor executor) {
        this.executor = executor;
    }

    /**
     * Routine: thread_start. Purpose: {@code t}, not yet running code, is
     * made runnable now (so the scheduler counts it at once), and
     * {@code code} runs on a Java thread of the pool, which then acts for it.
     *
     * <p>Conditions: nothing locked but possibly the IPC lock.
     * Returns: true; false if the kernel is halting and has no thread left
     * to run it (the thread is then halted).
     */
    boolean start(Thread t, Runnable code) {
        lock.lock();
        try {
            t.javaThread = null;
            if (t.state != HALTED) {
                setrun(t);
            }
        } finally {
            lock.unlock();
        }
        try {
            executor.execute(code);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            lock.lock();
            try {
                undispatch(t);
                if (t.runq != null) {
                    t.runq.remove(t);
                }
                t.state = HALTED;
                t.pset.threads.remove(t);
            } finally {
                lock.unlock();
            }
            return false;
        }
    }

    /**
     * Runs {@code code} on a Java thread of the pool, which then acts for
     * the thread it names (see {@link Thread#continueOnPool}). Returns
     * false if the kernel is halting and has no Java thread left.
     * Conditions: nothing locked.
     */
    boolean spawn(Runnable code) {
        try {
            executor.execute(code);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    // ---- Holding and giving up a processor ----

    /**
     * Routine: thread_setrun, then wait for dispatch. Purpose: the calling
     * Java thread, acting for {@code t}, waits until {@code t} holds a
     * processor (at once if one is idle in its set).
     *
     * <p>Conditions: nothing locked. Returns with the processor held, or at
     * once without one if {@code t} has halted.
     */
    void acquire(Thread t) {
        java.lang.Thread me = java.lang.Thread.currentThread();
        lock.lock();
        try {
            // A continuation resumed while the code that blocked it still unwinds elsewhere waits its turn.
            while ((t.state == RUNNING || t.state == LENT) && t.javaThread != null && t.javaThread != me) {
                t.pendingAcquirer = me;
                lock.unlock();
                LockSupport.park(this);
                lock.lock();
            }
            t.javaThread = me;
            if (t.state != RUNNING && t.state != HALTED) {
                setrun(t);
            }
        } finally {
            lock.unlock();
        }
        waitForProcessor(t);
    }

    /**
     * Waits until {@code t} runs (or halts): it spins a little first, since
     * a processor handed over by a yield or a handoff comes back within
     * microseconds, and waking a parked host thread costs tens of them;
     * then it parks. Conditions: nothing locked.
     */
    private void waitForProcessor(Thread t) {
        for (int spin = 0; spin < SPIN_BEFORE_PARK; spin++) {
            if (dispatched(t)) {
                return;
            }
            java.lang.Thread.onSpinWait();
        }
        while (!dispatched(t)) {
            LockSupport.park(this);
        }
    }

    private static boolean dispatched(Thread t) {
        int s = t.state;
        return (s == RUNNING && t.processor != null) || s == HALTED;
    }

    /**
     * Routine: thread_block. Purpose: {@code t} gives up its processor and
     * enters {@code newState} (WAITING to block, HALTED to end); the
     * processor runs the best runnable thread of its set, or idles.
     *
     * <p>Conditions: nothing locked; called by the Java thread acting for {@code t}.
     */
    void release(Thread t, int newState) {
        lock.lock();
        try {
            undispatch(t);
            if (t.state != HALTED) {
                t.state = newState;
            }
            if (newState == HALTED) {
                t.pset.threads.remove(t);
                if (t.runq != null) {
                    t.runq.remove(t);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The thread acting on {@code t}'s behalf checks its ASTs at a kernel
     * entry or exit: it stops while suspended, yields to a better (or, at
     * the end of its quantum, an equal) runnable thread, moves when its set
     * changed. Returns false if {@code t} is terminating: it then holds no
     * processor, and every trap fails.
     *
     * <p>Conditions: nothing locked; called by the Java thread acting for {@code t}.
     */
    boolean checkpoint(Thread t) {
        return checkpoint(t, true);
    }

    /**
     * As {@link #checkpoint(Thread)}; without {@code mayStop} a suspended
     * thread does not stop here (an interpreted thread's traps: its loop
     * stops it between slices, with a continuation, see
     * {@link #stopWithContinuation}).
     */
    boolean checkpoint(Thread t, boolean mayStop) {
        if (!t.ast) {
            return !t.terminating;
        }
        while (true) {
            lock.lock();
            try {
                t.ast = false;
                if (t.terminating) {
                    undispatch(t);
                    t.state = HALTED;
                    t.pset.threads.remove(t);
                    return false;
                }
                Processor p = t.processor;
                if (p == null || t.blockedWithContinuation()) {
                    // A thread that just blocked with a continuation only unwinds its stack: it gives its
                    // processor up when its code returns, and may meanwhile be woken, a pooled Java thread waiting
                    // (acquire) to run its continuation once it has. Even woken it is not this Java thread's to
                    // stop, preempt or move: giving its processor away here would let that Java thread take it up
                    // while this one waits for it too, and dispatch wakes only one (a lost thread, and a lost
                    // lender if this is a handoff). Its AST stays for the code that takes it up.
                    t.ast = true;
                    return true;
                }
                boolean moved = p.pset != t.pset;
                boolean yield = p.astPreempt && bestRunnable(p) <= t.schedPri;
                p.astPreempt = false;
                if (!(mayStop && stopped(t)) && !moved && !yield) {
                    return true;
                }
                undispatch(t);
                setrun(t);
            } finally {
                lock.unlock();
            }
            waitForProcessor(t);
            if (!t.ast) {
                return !t.terminating;
            }
        }
    }

    /** Takes {@code t} off its processor and runs the next thread there. Conditions: the lock held. */
    private void undispatch(Thread t) {
        Processor p = t.processor;
        if (p == null) {
            return;
        }
        t.processor = null;
        if (t.state == RUNNING) {
            t.state = WAITING; // off its processor: the caller says what it is now (setrun, or release's state)
        }
        p.active = null;
        p.astPreempt = false;
        if (p.state == PROCESSOR_RUNNING) {
            p.state = PROCESSOR_IDLE;
        }
        Thread next = chooseThread(p);
        if (next != null) {
            dispatch(p, next);
        }
        if (t.pendingAcquirer != null) {
            LockSupport.unpark(t.pendingAcquirer);
            t.pendingAcquirer = null;
        }
    }

    /**
     * Routine: choose_thread. The best of the processor's local queue and
     * its set's global queue (the local one on a tie); else work taken from
     * the sibling whose local queue holds the best thread.
     * Conditions: the lock held.
     */
    private Thread chooseThread(Processor p) {
        if (!p.pset.active) {
            return null;
        }
        int local = p.runq.bestPriority();
        int global = p.pset.runq.bestPriority();
        if (local < NRQS && local <= global) {
            return p.runq.dequeue();
        }
        if (global < NRQS) {
            return p.pset.runq.dequeue();
        }
        Processor victim = null;
        for (Processor q : p.pset.processors) {
            if (q != p && q.runq.count() > 0
                    && (victim == null || q.runq.bestPriority() < victim.runq.bestPriority())) {
                victim = q;
            }
        }
        return victim == null ? null : victim.runq.dequeue();
    }

    /** The best priority runnable on {@code p}: its local queue, its set's, its siblings'. Conditions: the lock held. */
    private int bestRunnable(Processor p) {
        int best = Math.min(p.runq.bestPriority(), p.pset.runq.bestPriority());
        for (Processor q : p.pset.processors) {
            best = Math.min(best, q.runq.bestPriority());
        }
        return best;
    }

    /** Gives {@code p} to {@code t} and wakes the Java thread acting for it. Conditions: the lock held. */
    private void dispatch(Processor p, Thread t) {
        p.active = t;
        p.state = PROCESSOR_RUNNING;
        p.quantumLeft = quantumTicks(t);
        t.processor = p;
        t.state = RUNNING;
        t.lastProcessor = p.slot;
        t.lastRanTick = ticks;
        java.lang.Thread j = t.javaThread;
        if (j != null && j != java.lang.Thread.currentThread()) {
            LockSupport.unpark(j);
        }
    }

    /**
     * Routine: thread_setrun. Purpose: {@code t} wants a processor: an idle
     * one of its set (the one it last ran on, if idle) is dispatched to it;
     * else it is queued, on its last processor's local queue if that one is
     * still in its set, else on the set's global queue, and a processor
     * running a worse thread is told to preempt. A suspended thread stops
     * instead; a halted one stays halted.
     *
     * <p>Conditions: the lock held.
     */
    void setrun(Thread t) {
        if (t.state == HALTED || t.state == RUNNING || t.state == LENT || t.runq != null) {
            return;
        }
        if (stopped(t)) {
            t.state = STOPPED;
            return;
        }
        ProcessorSet pset = t.pset;
        t.state = RUNNABLE;
        Processor idle = pset.idleProcessor(t.lastProcessor);
        if (idle != null) {
            dispatch(idle, t);
            return;
        }
        Processor last = t.lastProcessor >= 0 ? processors[t.lastProcessor] : null;
        if (last != null && last.pset == pset) {
            last.runq.enqueue(t, t.schedPri);
        } else {
            pset.runq.enqueue(t, t.schedPri);
        }
        preemptCheck(pset, t.schedPri);
    }

    /** Tells the processor of {@code pset} running the worst thread to preempt it, if {@code pri} is better. */
    private void preemptCheck(ProcessorSet pset, int pri) {
        Processor worst = null;
        for (Processor p : pset.processors) {
            if (p.active != null && (worst == null || p.active.schedPri > worst.active.schedPri)) {
                worst = p;
            }
        }
        if (worst != null && pri < worst.active.schedPri) {
            worst.astPreempt = true;
            worst.active.ast = true;
            worst.active.interruptHart();
        }
    }

    /**
     * Whether the running interpreted thread {@code t} is suspended and
     * should stop: if so (and it is not terminating), {@code port} is
     * recorded as the port the resumption that lets it run again sends a
     * wakeup to ({@link #suspend}), and the thread then waits for it in a
     * receive with a continuation, holding no Java thread.
     * Conditions: nothing locked; called by the Java thread acting for {@code t}.
     */
    boolean stopWithContinuation(Thread t, org.jmach.kernel.ipc.IpcPort port) {
        lock.lock();
        try {
            if (t.terminating || !stopped(t)) {
                t.resumeWakeup = null;
                return false;
            }
            t.resumeWakeup = port;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps {@code code}, the Java code that takes {@code t} up again (a
     * woken continuation, or the rest of one), while {@code t} is suspended:
     * the resumption that lets it run hands it to the pool ({@link #suspend}),
     * as does thread_terminate. Returns true if kept; false if {@code t} may
     * run (or already has code kept), and the caller runs the code.
     * Conditions: nothing locked but possibly the IPC lock.
     */
    boolean deferWhileStopped(Thread t, Runnable code) {
        lock.lock();
        try {
            if (t.terminating || !stopped(t) || t.deferred != null) {
                return false;
            }
            t.deferred = code;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code t} is suspended now (a hint: see {@link #stopWithContinuation}). Conditions: any. */
    boolean suspendedHint(Thread t) {
        lock.lock();
        try {
            return stopped(t);
        } finally {
            lock.unlock();
        }
    }

    /** The message id of a resumption's wakeup (the thread's own wakeup port sees it only). */
    static final int RESUME_WAKEUP_ID = 0x6a6d_7273;

    /** Whether {@code t} is held by its own or its task's suspend count. Conditions: the lock held. */
    static boolean stopped(Thread t) {
        return t.suspendCount > 0 || t.task().suspendCount > 0;
    }

    /**
     * Applies a suspension or a resumption to {@code t}: a runnable thread
     * that is now suspended leaves its queue; a running one stops at its
     * next check; a stopped one that is no longer suspended runs again.
     * Conditions: the lock held.
     */
    void applySuspension(Thread t) {
        if (stopped(t)) {
            if (t.state == RUNNABLE && t.runq != null) {
                t.runq.remove(t);
                t.state = STOPPED;
            } else if (t.state == RUNNING || t.state == LENT) {
                t.ast = true;
                t.interruptHart(); // an interpreted thread's slice ends now: it stops between slices
            }
        } else if (t.state == STOPPED) {
            setrun(t);
        }
    }

    /**
     * Routine: task_suspend, task_resume, thread_suspend, thread_resume (the
     * count): adds {@code delta} (1 or -1) to the suspend count of
     * {@code thread}, or of {@code task} if {@code thread} is null, and
     * applies it to the threads concerned.
     *
     * <p>Conditions: nothing locked but possibly the IPC lock.
     * Returns: KERN_SUCCESS; KERN_FAILURE for a resume of what was not suspended.
     */
    int suspend(Task task, Thread thread, int delta) {
        List<Runnable> woken = new ArrayList<>();
        lock.lock();
        try {
            int count = thread != null ? thread.suspendCount : task.suspendCount;
            if (count + delta < 0) {
                return org.jmach.mach.KernReturn.KERN_FAILURE;
            }
            if (thread != null) {
                thread.suspendCount = count + delta;
                applySuspension(thread);
                resumed(thread, woken);
            } else {
                task.suspendCount = count + delta;
                for (Thread t : task.threadList()) {
                    applySuspension(t);
                    resumed(t, woken);
                }
            }
        } finally {
            lock.unlock();
        }
        // An interpreted thread stopped with a continuation: a wakeup message, sent with no scheduler lock held.
        for (Runnable r : woken) {
            r.run();
        }
        return org.jmach.mach.KernReturn.KERN_SUCCESS;
    }

    /**
     * Collects {@code t} if it stopped with a continuation, or has code kept
     * for it ({@link #deferWhileStopped}), and may run again.
     * Conditions: the lock held.
     */
    private void resumed(Thread t, List<Runnable> woken) {
        if (stopped(t)) {
            return;
        }
        org.jmach.kernel.ipc.IpcPort port = t.resumeWakeup;
        if (port != null) {
            t.resumeWakeup = null;
            woken.add(() -> t.task().ipc().kernelWakeup(port, RESUME_WAKEUP_ID));
        }
        Runnable code = t.deferred;
        if (code != null) {
            t.deferred = null;
            woken.add(() -> spawn(code)); // false only when the kernel halts: nothing runs any more
        }
    }

    /**
     * Whether {@code t}, made by thread_create, should start now: it is NEW,
     * no longer suspended, and nobody started it yet (the caller then does).
     * Conditions: nothing locked but possibly the IPC lock.
     */
    boolean claimStart(Thread t) {
        lock.lock();
        try {
            if (t.state != NEW || t.suspendCount != 0 || t.startClaimed) {
                return false;
            }
            t.startClaimed = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- Priorities ----

    /**
     * Routine: compute_priority. Purpose: the scheduled priority from the
     * base priority, the policy, the recent usage and a depression; a
     * queued thread moves to its new queue, and a better one may preempt.
     * Conditions: the lock held.
     */
    void computePriority(Thread t) {
        int pri;
        if (t.depressed) {
            pri = MINPRI;
        } else if (t.policy == POLICY_TIMESHARE) {
            pri = Math.min(MINPRI, t.priority + t.schedUsage * USAGE_LEVELS_PER_SECOND / hz);
        } else {
            pri = t.priority;
        }
        if (pri == t.schedPri) {
            return;
        }
        boolean better = pri < t.schedPri;
        t.schedPri = pri;
        RunQueue q = t.runq;
        if (q != null) {
            q.remove(t);
            q.enqueue(t, pri);
            if (better) {
                preemptCheck(t.pset, pri);
            }
        } else if (t.state == RUNNING && !better && t.processor != null
                && bestRunnable(t.processor) < pri) {
            t.processor.astPreempt = true;
            t.ast = true;
        }
    }

    /** The CPU use thread_info reports, scaled by TH_USAGE_SCALE (1000: one processor). */
    int cpuUsage(Thread t) {
        // A thread always running settles at 5/3 hz of usage.
        return (int) Math.min(1000, t.schedUsage * 1000L * 3 / (5L * hz));
    }

    /** Depresses {@code t} to the lowest priority for {@code ms} (0: until it next yields). Conditions: the lock held. */
    void depress(Thread t, int ms) {
        if (!t.depressed) {
            t.depressed = true;
            t.depressUntil = ms > 0 ? ticks + Math.max(1, (long) ms * hz / 1000) : ticks + minQuantumTicks;
            depressed.add(t);
            computePriority(t);
        }
    }

    /** Routine: thread_depress_abort. Ends a depression. Conditions: the lock held. */
    void depressAbort(Thread t) {
        if (t.depressed) {
            t.depressed = false;
            depressed.remove(t);
            computePriority(t);
        }
    }

    private int quantumTicks(Thread t) {
        if (t.policy != POLICY_TIMESHARE && t.policyData > 0) {
            return Math.max(1, t.policyData * hz / 1000);
        }
        return minQuantumTicks;
    }

    // ---- The clock ----

    /**
     * Routine: clock_interrupt and, once a second, sched_tick. Purpose: one
     * clock tick: each running thread is charged a tick of usage and its
     * priority recomputed; a processor whose thread used up its quantum
     * while another of the same or a better priority waits is told to
     * preempt it; depressions whose time is up end. Every hz ticks, every
     * thread's usage decays by 5/8 and the sets' load averages move.
     *
     * <p>Conditions: nothing locked; called by the clock (or by tests, to
     * drive the scheduler deterministically).
     */
    public void clockTick() {
        lock.lock();
        try {
            ticks++;
            for (Processor p : processors) {
                Thread t = p.active;
                if (t == null) {
                    continue;
                }
                t.schedUsage++;
                // Statistical accounting (GNU Mach's STAT_TIME): the tick goes to the mode the thread is in.
                if (t.inKernel) {
                    t.systemNanos += tickNanos;
                } else {
                    t.userNanos += tickNanos;
                }
                computePriority(t);
                if (--p.quantumLeft <= 0) {
                    p.quantumLeft = quantumTicks(t);
                    if (bestRunnable(p) <= t.schedPri) {
                        p.astPreempt = true;
                        t.ast = true;
                    }
                }
                if (t.ast) {
                    t.interruptHart(); // an interpreted thread sees its AST within a tick
                }
            }
            if (!depressed.isEmpty()) {
                endDepressions();
            }
            if (ticks % hz == 0) {
                schedTick();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the once-a-second work of clockTick at once (for tests). */
    public void schedTickNow() {
        lock.lock();
        try {
            schedTick();
        } finally {
            lock.unlock();
        }
    }

    private void schedTick() {
        for (ProcessorSet pset : psets) {
            for (Thread t : pset.threads) {
                t.schedUsage = t.schedUsage * 5 / 8;
                computePriority(t);
            }
            int cpus = Math.max(1, pset.processors.size());
            int load = pset.runnable() * LOAD_SCALE / cpus;
            pset.loadAverage = (pset.loadAverage * 3 + load) / 4;
            int factor = pset.processors.size() * LOAD_SCALE / Math.max(1, pset.runnable() + 1);
            pset.machFactor = (pset.machFactor * 3 + factor) / 4;
        }
    }

    /** Ends the depressions whose time is up (thread_depress_timeout). Conditions: the lock held. */
    private void endDepressions() {
        for (java.util.Iterator<Thread> i = depressed.iterator(); i.hasNext();) {
            Thread t = i.next();
            if (!t.depressed || ticks >= t.depressUntil || t.state == HALTED) {
                i.remove();
                t.depressed = false;
                computePriority(t);
            }
        }
    }

    long ticks() {
        return ticks;
    }

    // ---- Yielding and handoff ----

    /**
     * Routine: thread_switch's core. Purpose: {@code self} gives its
     * processor to {@code hint} if that thread is runnable in the same set
     * (a handoff: {@code self} then waits on the processor's local queue),
     * else yields to a thread of the same or a better priority, if any.
     * Returns true if another thread ran.
     *
     * <p>Conditions: nothing locked; called by the Java thread acting for {@code self}.
     */
    boolean yieldTo(Thread self, Thread hint) {
        lock.lock();
        try {
            Processor p = self.processor;
            if (p == null) {
                return false;
            }
            if (hint != null && hint != self && hint.state == RUNNABLE && hint.pset == p.pset
                    && hint.runq != null) {
                hint.runq.remove(hint);
                undispatchTo(self, p, hint);
            } else if (bestRunnable(p) <= self.schedPri) {
                undispatch(self);
                setrun(self);
            } else {
                return false;
            }
        } finally {
            lock.unlock();
        }
        waitForProcessor(self);
        return true;
    }

    /**
     * Gives {@code p} from {@code self} straight to {@code next}; then
     * {@code self} is made runnable as any thread is (on its last, this,
     * processor's local queue if still of its set; stopped if it was
     * suspended meanwhile).
     */
    private void undispatchTo(Thread self, Processor p, Thread next) {
        self.processor = null;
        self.state = WAITING;
        dispatch(p, next);
        setrun(self);
    }

    /** Whether another thread could run on {@code self}'s processor now. */
    boolean othersRunnable(Thread self) {
        lock.lock();
        try {
            Processor p = self.processor;
            return p != null && bestRunnable(p) < NRQS;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The sender {@code from} lends its processor to {@code to}, whose
     * continuation it is about to run on its own Java thread (the IPC
     * handoff of a receive that completes). Returns false if it holds none,
     * or if {@code to} may not run on it now (suspended, halted, or of
     * another processor set): the continuation then waits for a processor
     * of its own.
     * Conditions: nothing locked.
     */
    boolean handoffBegin(Thread from, Thread to) {
        lock.lock();
        try {
            Processor p = from.processor;
            // Only a thread that may run here now: not running, not suspended, of this processor's set.
            if (p == null || to.state == RUNNING || to.state == LENT || to.state == HALTED || stopped(to)
                    || to.pset != p.pset) {
                return false;
            }
            from.processor = null;
            from.state = LENT;
            to.javaThread = java.lang.Thread.currentThread();
            if (to.runq != null) {
                to.runq.remove(to);
            }
            dispatch(p, to);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The continuation returned: the processor {@code to} holds goes back to
     * {@code from}, and {@code to} waits again (or has ended). Conditions:
     * nothing locked.
     */
    void handoffEnd(Thread from, Thread to) {
        lock.lock();
        try {
            from.javaThread = java.lang.Thread.currentThread();
            Processor p = to.processor;
            if (p != null && to.state == RUNNING) {
                to.processor = null;
                p.active = null;
                to.state = to.terminating || to.ended ? HALTED : WAITING;
                if (to.state == HALTED) {
                    to.pset.threads.remove(to);
                }
                if (to.pendingAcquirer != null) {
                    LockSupport.unpark(to.pendingAcquirer);
                    to.pendingAcquirer = null;
                }
                from.state = WAITING;
                if (p.pset == from.pset) {
                    dispatch(p, from);
                } else {
                    Thread next = chooseThread(p);
                    if (next != null) {
                        dispatch(p, next);
                    } else {
                        p.state = PROCESSOR_IDLE;
                    }
                    setrun(from);
                }
            } else {
                from.state = WAITING;
                setrun(from);
            }
        } finally {
            lock.unlock();
        }
        waitForProcessor(from);
    }

    // ---- Processor sets ----

    /** Routine: processor_set_create. Conditions: nothing locked. */
    ProcessorSet psetCreate() {
        lock.lock();
        try {
            ProcessorSet pset = new ProcessorSet("pset" + (++psetNames));
            psets.add(pset);
            return pset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Routine: processor_set_destroy. Purpose: the set's processors, tasks
     * and threads go back to the default set; the set becomes inactive.
     * Conditions: the lock held.
     */
    void psetDestroy(ProcessorSet pset) {
        pset.active = false;
        psets.remove(pset);
        for (Processor p : List.copyOf(pset.processors)) {
            processorAssign(p, defaultPset);
        }
        for (Task task : List.copyOf(pset.tasks)) {
            taskAssign(task, defaultPset, false);
        }
        for (Thread t : List.copyOf(pset.threads)) {
            threadAssign(t, defaultPset);
        }
        while (pset.runq.count() > 0) {
            Thread t = pset.runq.dequeue();
            t.state = WAITING;
            setrun(t);
        }
    }

    /**
     * Routine: processor_assign. Purpose: {@code p} now serves {@code pset}:
     * threads queued on it locally go back to their set's queue, a thread of
     * another set that it runs moves at its next check, and an idle
     * processor takes work from its new set at once. Conditions: the lock held.
     */
    void processorAssign(Processor p, ProcessorSet pset) {
        if (p.pset == pset) {
            return;
        }
        ProcessorSet old = p.pset;
        old.processors.remove(p);
        pset.processors.add(p);
        p.pset = pset;
        while (p.runq.count() > 0) {
            Thread t = p.runq.dequeue();
            t.state = WAITING;
            t.lastProcessor = -1;
            setrun(t);
        }
        if (p.active != null) {
            p.active.ast = true;
        } else {
            Thread next = chooseThread(p);
            if (next != null) {
                dispatch(p, next);
            }
        }
    }

    /**
     * Routine: thread_assign. Purpose: {@code t} now runs in {@code pset},
     * held to its ceiling; a queued thread requeues there, a running one
     * moves at its next check. Conditions: the lock held.
     */
    void threadAssign(Thread t, ProcessorSet pset) {
        if (t.pset == pset || t.state == HALTED) {
            return;
        }
        t.pset.threads.remove(t);
        pset.threads.add(t);
        t.pset = pset;
        if (t.maxPriority < pset.maxPriority) {
            t.maxPriority = pset.maxPriority;
        }
        if (t.priority < t.maxPriority) {
            t.priority = t.maxPriority;
        }
        if (t.runq != null) {
            t.runq.remove(t);
            t.state = WAITING;
            t.lastProcessor = -1;
            computePriority(t);
            setrun(t);
        } else {
            computePriority(t);
            if (t.state == RUNNING) {
                t.ast = true;
            }
        }
    }

    /** Routine: task_assign. Conditions: the lock held. */
    void taskAssign(Task task, ProcessorSet pset, boolean assignThreads) {
        task.pset.tasks.remove(task);
        pset.tasks.add(task);
        task.pset = pset;
        if (assignThreads) {
            for (Thread t : task.threadList()) {
                threadAssign(t, pset);
            }
        }
    }

    /** A new thread joins its task's set with its task's priorities, held to the set's ceiling. Conditions: the lock held. */
    void threadInit(Thread t, Task task) {
        ProcessorSet pset = task.pset.active ? task.pset : defaultPset;
        t.pset = pset;
        pset.threads.add(t);
        t.priority = task.priority;
        t.maxPriority = task.maxPriority;
        if (t.maxPriority < pset.maxPriority) {
            t.maxPriority = pset.maxPriority;
        }
        if (t.priority < t.maxPriority) {
            t.priority = t.maxPriority;
        }
        t.schedPri = t.priority;
    }
}
