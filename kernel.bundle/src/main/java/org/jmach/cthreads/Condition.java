package org.jmach.cthreads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A C threads condition variable ({@code struct condition}: condition_wait,
 * condition_signal, condition_broadcast) for the cthreads of one
 * {@link CThreads} library.
 *
 * <p>condition_wait queues the caller on the condition before it unlocks the
 * mutex, so a signal after the unlock cannot be missed; then it blocks in the
 * kernel (mach_msg receive on the caller's wakeup port) until a signal or
 * broadcast sends it a message, and locks the mutex again before returning.
 * Signals wake waiters in the order they came. As in C threads, the waiter
 * must test its predicate again in a loop: another cthread may have taken
 * the mutex first and changed it.
 */
public final class Condition {

    private final CThreads cthreads;
    private final String name;
    private final SpinLock lock = new SpinLock();
    // Guarded by lock.
    private final ArrayDeque<CThread<?>> waiters = new ArrayDeque<>();

    /** {@code condition_init}: a condition of {@code cthreads}, named {@code name} (may be null). */
    public Condition(CThreads cthreads, String name) {
        this.cthreads = cthreads;
        this.name = name;
    }

    /** {@code condition_init}: an unnamed condition of {@code cthreads}. */
    public Condition(CThreads cthreads) {
        this(cthreads, null);
    }

    /** {@code condition_name}. */
    public String conditionName() {
        return name;
    }

    /**
     * {@code condition_wait}: unlocks {@code mutex}, waits for a signal or a
     * broadcast, and locks {@code mutex} again.
     *
     * @throws IllegalStateException if the caller does not hold {@code mutex}
     * @throws CThreadException if the wait could not be made (the library exited)
     */
    public void conditionWait(Mutex mutex) {
        CThread<?> self = cthreads.self();
        if (!mutex.isHeldBySelf()) {
            throw new IllegalStateException("C threads: " + self + " waits on " + this + " without " + mutex);
        }
        lock.lock(self.traps);
        try {
            waiters.add(self);
        } finally {
            lock.unlock();
        }
        mutex.mutexUnlock();
        self.await();
        mutex.mutexLock();
    }

    /** {@code condition_signal}: wakes the first waiting cthread, if any. */
    public void conditionSignal() {
        CThread<?> self = cthreads.self();
        CThread<?> next;
        lock.lock(self.traps);
        try {
            next = waiters.poll();
        } finally {
            lock.unlock();
        }
        if (next != null) {
            self.wake(next);
        }
    }

    /** {@code condition_broadcast}: wakes every waiting cthread. */
    public void conditionBroadcast() {
        CThread<?> self = cthreads.self();
        List<CThread<?>> all;
        lock.lock(self.traps);
        try {
            all = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        for (CThread<?> w : all) {
            self.wake(w);
        }
    }

    @Override
    public String toString() {
        return "condition" + (name != null ? " " + name : "@" + Integer.toHexString(System.identityHashCode(this)));
    }
}
