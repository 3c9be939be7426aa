package org.jmach.kernel.kern;

import java.util.concurrent.Semaphore;

/**
 * The simulated processors, as far as blocking needs them (a part of GNU
 * Mach's {@code kern/sched_prim.c}): a Mach thread runs only while it holds
 * one; it gives its processor back when it blocks and waits, first come
 * first served, for one to be free when it wakes. The scheduler issue
 * replaces this with run queues and priorities.
 */
public final class SchedPrim {

    private final int processors;
    private final Semaphore idle;

    public SchedPrim(int processors) {
        this.processors = processors;
        this.idle = new Semaphore(processors, true);
    }

    public int processorCount() {
        return processors;
    }

    /** Waits for a free processor and takes it (thread_setrun, then dispatch). */
    void acquire() {
        idle.acquireUninterruptibly();
    }

    /** Gives the processor back (thread_block). */
    void release() {
        idle.release();
    }

    /** Processors nobody holds. */
    public int idleCount() {
        return idle.availablePermits();
    }
}
