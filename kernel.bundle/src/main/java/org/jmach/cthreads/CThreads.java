package org.jmach.cthreads;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigUser;
import org.jmach.mach.NativeThreadState;

/**
 * The C threads library of one task ({@code cthreads.h} of CMU Mach 3),
 * built on the public Mach interface only.
 *
 * <p>One thread of the task makes it with {@link #init}; that thread becomes
 * the <em>main cthread</em> (id 0, name "main"). {@link #cthreadFork} starts
 * a new Mach thread of the same task, the way a C program does it: the
 * library registers one entry point with the task ({@code nativeEntry}, once),
 * then each fork is thread_create, thread_set_state (that entry, the
 * cthread's id in a0) and thread_resume. The entry runs the cthread's
 * function with the new thread's own traps and ends the thread when it
 * returns.
 *
 * <p>Waiting is done in the kernel: each cthread has a wakeup port (a receive
 * right in the task's space); cthread_join, {@link Mutex#mutexLock} and
 * {@link Condition#conditionWait} put the cthread on a queue and block it in
 * mach_msg receive on that port until another cthread sends it an empty
 * message. Queues and states are plain Java data of the task, guarded by a
 * short spin lock that yields with swtch_pri.
 *
 * <p>Which cthread is calling is known per Java thread (a thread-local set
 * while a cthread runs), as C threads knows it from the stack pointer; every
 * kernel call the library makes is made with the calling cthread's own traps.
 * Methods other than {@link #init} must be called from a cthread of this
 * library, or they throw IllegalStateException.
 *
 * <p>{@link #exit} ends the library: call it from the main cthread when the
 * program is done.
 */
public final class CThreads {

    /** Name of the main cthread. */
    public static final String MAIN_NAME = "main";

    private final int taskSelf;
    private final long entry;
    private final CThread<Object> mainThread;
    private final ThreadLocal<CThread<?>> current = new ThreadLocal<>();

    // Guarded by lock.
    private final SpinLock lock = new SpinLock();
    /** Every cthread not yet reaped, the main one included, by id. */
    private final Map<Integer, CThread<?>> threads = new HashMap<>();
    /** Detached cthreads that have ended, for the next fork, join or exit to reap. */
    private final List<CThread<?>> zombies = new ArrayList<>();
    private int nextId = 1;
    /** Set once, under lock; read alone only by a second exit(). */
    private volatile boolean closed;

    private CThreads(MachTraps traps) {
        taskSelf = traps.machTaskSelf();
        long pc = traps.nativeEntry(this::trampoline);
        if (pc == 0) {
            traps.machPort().machPortDeallocate(taskSelf, taskSelf);
            throw new CThreadException("C threads: nativeEntry: the task has terminated");
        }
        entry = pc;
        int wakeup = allocateWakeupPort(traps);
        mainThread = new CThread<>(0, true, traps.machThreadSelf(), wakeup);
        mainThread.traps = traps;
        mainThread.name = MAIN_NAME;
        threads.put(0, mainThread);
        current.set(mainThread);
    }

    /**
     * {@code cthread_init}: the C threads library of the calling thread's
     * task, with the caller as its main cthread. Make one per task.
     *
     * <p>Takes from the task's space: one more user reference to the task's
     * own port name, one to the main thread's port name, and a wakeup port
     * for the main cthread; {@link #exit} gives them back.
     *
     * @param traps the calling thread's traps
     * @throws CThreadException if the task has terminated or has no room for a port
     */
    public static CThreads init(MachTraps traps) {
        return new CThreads(traps);
    }

    // --- threads --------------------------------------------------------------------

    /**
     * {@code cthread_fork}: a new cthread of the task that runs
     * {@code function(itsTraps, arg)}. The new thread has its own traps and
     * a wakeup port; it runs at once (when the scheduler gives it a
     * processor). Join it or detach it.
     *
     * @throws CThreadException if thread_create, thread_set_state or
     *         thread_resume failed (nothing is left allocated then)
     * @throws IllegalStateException if the library has exited
     */
    public <A, R> CThread<R> cthreadFork(CThreadFunction<A, R> function, A arg) {
        CThread<?> self = self();
        if (closed) {
            throw new IllegalStateException("C threads: the library has exited");
        }
        MachTraps traps = self.traps;
        reapZombies(traps);
        int wakeup = allocateWakeupPort(traps);
        int[] out = new int[1];
        int kr = traps.mach().threadCreate(taskSelf, out);
        if (kr != KERN_SUCCESS) {
            releaseReceive(traps, wakeup);
            throw failure("thread_create", kr);
        }
        int thread = out[0];
        CThread<R> child;
        lock.lock(traps);
        try {
            child = new CThread<>(nextId++, false, thread, wakeup);
            child.body = t -> function.run(t, arg);
            threads.put(child.id, child);
        } finally {
            lock.unlock();
        }
        // The thread is suspended once from thread_create: it runs only after thread_resume.
        kr = traps.mach().threadSetState(thread, NATIVE_THREAD_STATE,
                NativeThreadState.of(entry, child.id).toWords());
        String call = "thread_set_state";
        if (kr == KERN_SUCCESS) {
            kr = traps.mach().threadResume(thread);
            call = "thread_resume";
        }
        if (kr != KERN_SUCCESS) {
            lock.lock(traps);
            try {
                threads.remove(child.id);
            } finally {
                lock.unlock();
            }
            traps.mach().threadTerminate(thread);
            traps.machPort().machPortDeallocate(taskSelf, thread);
            releaseReceive(traps, wakeup);
            throw failure(call, kr);
        }
        return child;
    }

    /**
     * {@code cthread_join}: waits (blocked in the kernel) until {@code t}
     * ends, reaps it, and returns its result. A cthread is joined at most
     * once, and not once detached.
     *
     * @return the value its function returned or gave to cthread_exit
     * @throws CThreadException if its function threw (the cause)
     * @throws IllegalArgumentException for the calling cthread itself or the main cthread
     * @throws IllegalStateException if {@code t} is detached, joined or being joined
     */
    @SuppressWarnings("unchecked")
    public <R> R cthreadJoin(CThread<R> t) {
        CThread<?> self = self();
        if (t == self || t.main) {
            throw new IllegalArgumentException("C threads: " + self + " cannot join " + t);
        }
        boolean wait;
        lock.lock(self.traps);
        try {
            checkJoinable(t);
            wait = !t.done;
            if (wait) {
                t.joiner = self;
            }
        } finally {
            lock.unlock();
        }
        while (wait) {
            self.await();
            wait = !t.done;
        }
        Object result;
        Throwable thrown;
        lock.lock(self.traps);
        try {
            threads.remove(t.id);
            t.reaped = true;
            t.joiner = null;
            result = t.result;
            thrown = t.failure;
        } finally {
            lock.unlock();
        }
        reap(self.traps, t);
        reapZombies(self.traps);
        if (thrown != null) {
            throw new CThreadException("C threads: " + t + " ended by " + thrown, thrown);
        }
        return (R) result;
    }

    /**
     * {@code cthread_detach}: nobody will join {@code t}; it is reaped as
     * soon as it ends (at once if it has ended). What its function returns
     * or throws is dropped.
     *
     * @throws IllegalArgumentException for the main cthread
     * @throws IllegalStateException if {@code t} is detached, joined or being joined
     */
    public void cthreadDetach(CThread<?> t) {
        CThread<?> self = self();
        if (t.main) {
            throw new IllegalArgumentException("C threads: the main cthread cannot be detached");
        }
        boolean ended;
        lock.lock(self.traps);
        try {
            checkJoinable(t);
            t.detached = true;
            ended = t.done;
            if (ended) {
                threads.remove(t.id);
                t.reaped = true;
            }
        } finally {
            lock.unlock();
        }
        if (ended) {
            reap(self.traps, t);
        }
    }

    /**
     * {@code cthread_exit}: ends the calling cthread now with
     * {@code result} for its joiner. It throws an Error that the library
     * catches where the cthread started, so {@code finally} blocks run and
     * code between must not catch Throwable and swallow it.
     *
     * @throws IllegalStateException from the main cthread, which ends by
     *         returning after {@link #exit}
     */
    public void cthreadExit(Object result) {
        CThread<?> self = self();
        if (self.main) {
            throw new IllegalStateException("C threads: the main cthread ends by returning, after exit()");
        }
        throw new Exit(self, result);
    }

    /** {@code cthread_yield}: gives the processor to another thread, by swtch_pri. */
    public void cthreadYield() {
        self().traps.swtchPri(0);
    }

    /**
     * {@code cthread_self}: the calling cthread.
     *
     * @throws IllegalStateException if the caller is not a cthread of this library
     */
    public CThread<?> cthreadSelf() {
        return self();
    }

    /**
     * {@code cthread_set_name}: names {@code t}, in the library and (for
     * consoles such as mach:threads) as its Mach thread's name.
     */
    public void cthreadSetName(CThread<?> t, String name) {
        CThread<?> self = self();
        t.name = name;
        boolean live;
        lock.lock(self.traps);
        try {
            live = !t.reaped && !closed;
        } finally {
            lock.unlock();
        }
        if (live && name != null) {
            // Only a label for consoles: the library's own name stands if the kernel refuses.
            self.traps.gnumach().threadSetName(t.thread, name);
        }
    }

    /** {@code cthread_name}: {@code t}'s name, or null. */
    public String cthreadName(CThread<?> t) {
        return t.name;
    }

    /** {@code cthread_set_data}: any value for {@code t}, kept by the library for the program. */
    public void cthreadSetData(CThread<?> t, Object data) {
        t.data = data;
    }

    /** {@code cthread_data}: what cthread_set_data left for {@code t}, or null. */
    public Object cthreadData(CThread<?> t) {
        return t.data;
    }

    /** {@code cthread_count}: the cthreads not yet reaped (running, or ended and not joined), the main one included. */
    public int cthreadCount() {
        CThread<?> self = self();
        lock.lock(self.traps);
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    /** {@code mutex_alloc}: a new mutex of this library. */
    public Mutex mutexAlloc(String name) {
        return new Mutex(this, name);
    }

    /** {@code condition_alloc}: a new condition of this library. */
    public Condition conditionAlloc(String name) {
        return new Condition(this, name);
    }

    // --- the end --------------------------------------------------------------------

    /**
     * Ends the library, as a C program's exit does; call it from the main
     * cthread when the program is done. In order:
     * <ol>
     * <li>joins every cthread that is not detached (and any they fork
     * meanwhile), dropping their results and what they threw;</li>
     * <li>thread_terminates the detached cthreads still running (like
     * exit(), it does not wait for them to finish their work);</li>
     * <li>gives back to the task's space what the library took: every
     * cthread's wakeup port, its thread port name and the MIG reply port of
     * each cthread that ended normally (the reply port of a detached cthread
     * terminated here is the kernel's to reclaim, or stays), and the main
     * cthread's wakeup port and extra references to the task and thread
     * port names.</li>
     * </ol>
     * Afterwards every method throws IllegalStateException. Calling it again
     * does nothing.
     *
     * @throws IllegalStateException if the caller is not the main cthread
     */
    public void exit() {
        CThread<?> self = current.get();
        if (self == null && closed) {
            return;
        }
        if (self != mainThread) {
            throw new IllegalStateException("C threads: exit() is the main cthread's");
        }
        MachTraps traps = self.traps;
        while (true) {
            CThread<?> next = null;
            lock.lock(traps);
            try {
                for (CThread<?> t : threads.values()) {
                    if (!t.main && !t.detached && t.joiner == null) {
                        next = t;
                        break;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (next == null) {
                break;
            }
            try {
                cthreadJoin(next);
            } catch (CThreadException e) {
                // What it threw was for a joiner to see; the program is ending.
            } catch (IllegalStateException e) {
                // Another cthread began to join or detach it meanwhile: it is theirs now.
            }
        }
        List<CThread<?>> rest = new ArrayList<>();
        lock.lock(traps);
        try {
            closed = true;
            for (CThread<?> t : threads.values()) {
                if (!t.main) {
                    rest.add(t);
                }
            }
            rest.addAll(zombies);
            threads.clear();
            zombies.clear();
        } finally {
            lock.unlock();
        }
        for (CThread<?> t : rest) {
            if (!t.done) {
                // Its reply port name may be stale once it was killed mid-call: leave it.
                t.replyPort = MACH_PORT_NULL;
                traps.mach().threadTerminate(t.thread);
            }
            t.reaped = true;
            reap(traps, t);
        }
        releaseReceive(traps, mainThread.wakeupPort);
        MachPortUser port = traps.machPort();
        port.machPortDeallocate(taskSelf, mainThread.thread);
        port.machPortDeallocate(taskSelf, taskSelf);
        current.remove();
    }

    // --- the library's insides -----------------------------------------------------------

    /** The calling cthread. */
    CThread<?> self() {
        CThread<?> t = current.get();
        if (t == null) {
            throw new IllegalStateException("C threads: the caller is not a cthread of this library"
                    + " (or the library has exited)");
        }
        return t;
    }

    /**
     * Where every forked cthread starts: the task's one native entry. a0 is
     * the cthread's id. Catches cthread_exit and whatever the function throws,
     * then ends the cthread.
     */
    private void trampoline(MachTraps traps, long[] args) {
        CThread<?> t;
        lock.lock(traps);
        try {
            t = closed ? null : threads.get((int) args[0]);
        } finally {
            lock.unlock();
        }
        if (t == null) {
            return;
        }
        run(t, traps);
    }

    private <R> void run(CThread<R> t, MachTraps traps) {
        t.traps = traps;
        current.set(t);
        Object result = null;
        Throwable thrown = null;
        try {
            result = t.body.apply(traps);
        } catch (Exit e) {
            result = e.result;
        } catch (Throwable e) {
            thrown = e;
        } finally {
            t.body = null;
            current.remove();
        }
        try {
            finish(t, result, thrown);
        } catch (CThreadException e) {
            // The joiner's wakeup port is gone: the library exited under it. Nothing is left to tell.
        }
    }

    /** The end of a cthread, run by itself: DONE, then its joiner woken or, if detached, a zombie. */
    private void finish(CThread<?> t, Object result, Throwable thrown) {
        // Named now: once DONE, a reaper may give it back while this thread still returns.
        MigUser mig = t.traps.mig();
        int reply = mig.replyPort();
        CThread<?> joiner;
        lock.lock(t.traps);
        try {
            if (closed) {
                return;
            }
            t.replyPort = reply;
            t.result = result;
            t.failure = thrown;
            t.done = true;
            joiner = t.joiner;
            if (t.detached) {
                threads.remove(t.id);
                t.reaped = true;
                zombies.add(t);
            }
        } finally {
            lock.unlock();
        }
        if (joiner != null) {
            t.wake(joiner);
        }
    }

    private void checkJoinable(CThread<?> t) {
        if (t.reaped || !threads.containsKey(t.id) || threads.get(t.id) != t) {
            throw new IllegalStateException("C threads: " + t + " is not a live cthread of this library");
        }
        if (t.detached) {
            throw new IllegalStateException("C threads: " + t + " is detached");
        }
        if (t.joiner != null) {
            throw new IllegalStateException("C threads: " + t + " is being joined by " + t.joiner);
        }
    }

    private void reapZombies(MachTraps traps) {
        List<CThread<?>> dead;
        lock.lock(traps);
        try {
            if (zombies.isEmpty()) {
                return;
            }
            dead = new ArrayList<>(zombies);
            zombies.clear();
        } finally {
            lock.unlock();
        }
        for (CThread<?> t : dead) {
            reap(traps, t);
        }
    }

    /**
     * Gives back what an ended cthread held in the task's space. Best effort:
     * a name the kernel has already reclaimed (a thread port of a dead thread
     * is a dead name, which deallocate also removes) is not an error here.
     */
    private void reap(MachTraps traps, CThread<?> t) {
        MachPortUser port = traps.machPort();
        releaseReceive(traps, t.wakeupPort);
        port.machPortDeallocate(taskSelf, t.thread);
        if (t.replyPort != MACH_PORT_NULL) {
            port.machPortDestroy(taskSelf, t.replyPort);
            t.replyPort = MACH_PORT_NULL;
        }
    }

    private int allocateWakeupPort(MachTraps traps) {
        int[] name = new int[1];
        int kr = traps.machPort().machPortAllocate(taskSelf, MACH_PORT_RIGHT_RECEIVE, name);
        if (kr != KERN_SUCCESS) {
            throw failure("mach_port_allocate", kr);
        }
        return name[0];
    }

    private void releaseReceive(MachTraps traps, int name) {
        traps.machPort().machPortModRefs(taskSelf, name, MACH_PORT_RIGHT_RECEIVE, -1);
    }

    private static CThreadException failure(String call, int kr) {
        return new CThreadException("C threads: " + call + ": " + KernReturn.name(kr));
    }

    /** cthread_exit's way out to the trampoline: an Error so that catch (Exception) lets it pass. */
    private static final class Exit extends Error {

        private static final long serialVersionUID = 1L;

        final transient Object result;

        Exit(CThread<?> thread, Object result) {
            super(thread + " exits", null, false, false);
            this.result = result;
        }
    }
}
