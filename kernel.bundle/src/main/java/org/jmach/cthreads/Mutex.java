package org.jmach.cthreads;

import java.util.ArrayDeque;

/**
 * A C threads mutex ({@code struct mutex}: mutex_lock, mutex_try_lock,
 * mutex_unlock) for the cthreads of one {@link CThreads} library.
 *
 * <p>mutex_lock tries a few times, yielding the processor (swtch_pri)
 * between tries; then it puts the caller on the mutex's queue and blocks it
 * in the kernel, in mach_msg receive on the caller's wakeup port.
 * mutex_unlock hands the mutex to the first waiter and wakes it with one
 * message; the mutex is never free while someone waits, so waiters get it in
 * the order they came (a locker that did not wait cannot overtake them).
 *
 * <p>The owner is recorded: unlocking a mutex one does not hold, and locking
 * one already held by the caller, are errors (C threads would corrupt the
 * queue or deadlock).
 */
public final class Mutex {

    /** Tries before waiting in the kernel. */
    private static final int TRIES = 3;

    private final CThreads cthreads;
    private final String name;
    private final SpinLock lock = new SpinLock();
    // Guarded by lock; holder is also read alone by its own cthread.
    private final ArrayDeque<CThread<?>> waiters = new ArrayDeque<>();
    private volatile CThread<?> holder;

    /** {@code mutex_init}: a free mutex of {@code cthreads}, named {@code name} (may be null). */
    public Mutex(CThreads cthreads, String name) {
        this.cthreads = cthreads;
        this.name = name;
    }

    /** {@code mutex_init}: a free, unnamed mutex of {@code cthreads}. */
    public Mutex(CThreads cthreads) {
        this(cthreads, null);
    }

    /** {@code mutex_name}. */
    public String mutexName() {
        return name;
    }

    /**
     * {@code mutex_lock}: takes the mutex, waiting in the kernel while
     * another cthread holds it.
     *
     * @throws IllegalStateException if the caller holds it already, or is not a cthread
     * @throws CThreadException if the wait could not be made (the library exited)
     */
    public void mutexLock() {
        CThread<?> self = cthreads.self();
        for (int i = 0; i < TRIES; i++) {
            if (tryLock(self)) {
                return;
            }
            self.traps.swtchPri(0);
        }
        lock.lock(self.traps);
        try {
            if (holder == null) {
                holder = self;
                return;
            }
            waiters.add(self);
        } finally {
            lock.unlock();
        }
        // mutexUnlock makes this cthread the holder before it sends the wakeup.
        do {
            self.await();
        } while (holder != self);
    }

    /**
     * {@code mutex_try_lock}: takes the mutex if it is free, without waiting.
     *
     * @return whether the caller now holds it
     * @throws IllegalStateException if the caller holds it already, or is not a cthread
     */
    public boolean mutexTryLock() {
        return tryLock(cthreads.self());
    }

    /**
     * {@code mutex_unlock}: gives the mutex to the first waiting cthread and
     * wakes it, or frees it if none waits.
     *
     * @throws IllegalStateException if the caller does not hold it
     */
    public void mutexUnlock() {
        CThread<?> self = cthreads.self();
        CThread<?> next;
        lock.lock(self.traps);
        try {
            if (holder != self) {
                throw new IllegalStateException("C threads: " + self + " unlocks " + this + ", held by " + holder);
            }
            next = waiters.poll();
            holder = next;
        } finally {
            lock.unlock();
        }
        if (next != null) {
            self.wake(next);
        }
    }

    /** Whether the calling cthread holds the mutex. */
    public boolean isHeldBySelf() {
        return holder == cthreads.self();
    }

    private boolean tryLock(CThread<?> self) {
        lock.lock(self.traps);
        try {
            if (holder == self) {
                throw new IllegalStateException("C threads: " + self + " locks " + this + " again");
            }
            if (holder != null) {
                return false;
            }
            holder = self;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "mutex" + (name != null ? " " + name : "@" + Integer.toHexString(System.identityHashCode(this)));
    }
}
