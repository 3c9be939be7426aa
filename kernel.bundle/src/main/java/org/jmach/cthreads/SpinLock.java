package org.jmach.cthreads;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jmach.mach.MachTraps;

/**
 * C threads' {@code spin_lock_t}: guards the library's own data (queues,
 * thread states) for a few Java statements. A holder never traps inside its
 * critical section; a contender spins a little, then yields its processor with
 * swtch_pri, because the holder may be waiting for a processor this one holds
 * (with one processor, pure spinning would never end).
 */
final class SpinLock {

    /** Spins before the first yield. */
    private static final int SPINS = 64;

    private final AtomicBoolean held = new AtomicBoolean();

    /** {@code spin_lock}: {@code traps} are the caller's, for swtch_pri. */
    void lock(MachTraps traps) {
        int spins = 0;
        while (!held.compareAndSet(false, true)) {
            if (++spins < SPINS) {
                java.lang.Thread.onSpinWait();
            } else {
                traps.swtchPri(0);
                spins = 0;
            }
        }
    }

    /** {@code spin_unlock}. */
    void unlock() {
        held.set(false);
    }
}
