package org.jmach.kernel.kern;

import static org.jmach.mach.Policy.NRQS;

import java.util.ArrayDeque;

/**
 * A run queue (GNU Mach's {@code struct run_queue}): one FIFO of runnable
 * threads per priority, 0 the best, with a hint of the best non-empty one.
 * Each processor has a local one and each processor set a global one.
 *
 * <p>Conditions: the scheduler lock guards every field and routine.
 */
final class RunQueue {

    @SuppressWarnings("unchecked")
    private final ArrayDeque<Thread>[] queues = new ArrayDeque[NRQS];
    private int count;
    /** No queue below this index holds a thread (GNU Mach's {@code low}). */
    private int low = NRQS;

    RunQueue() {
        for (int i = 0; i < NRQS; i++) {
            queues[i] = new ArrayDeque<>(0);
        }
    }

    /** Routine: run_queue_enqueue. Puts {@code t} at the tail of its priority's queue. */
    void enqueue(Thread t, int priority) {
        queues[priority].addLast(t);
        t.runq = this;
        t.runqPriority = priority;
        count++;
        if (priority < low) {
            low = priority;
        }
    }

    /** Routine: rem_runq. Takes {@code t} off; false if it was not here. */
    boolean remove(Thread t) {
        if (t.runq != this || !queues[t.runqPriority].remove(t)) {
            return false;
        }
        t.runq = null;
        count--;
        return true;
    }

    /** The best priority queued, or NRQS if empty. */
    int bestPriority() {
        while (low < NRQS && queues[low].isEmpty()) {
            low++;
        }
        return count == 0 ? NRQS : low;
    }

    /** Takes the first thread of the best priority, or null. */
    Thread dequeue() {
        int p = bestPriority();
        if (p == NRQS) {
            return null;
        }
        Thread t = queues[p].pollFirst();
        t.runq = null;
        count--;
        return t;
    }

    int count() {
        return count;
    }

    /** The threads queued at {@code priority}, first to run first (for checks and consoles). */
    Iterable<Thread> at(int priority) {
        return queues[priority];
    }
}
