package org.jmach.cthreads;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.jmach.mach.MachTraps;

/**
 * The bounded buffer, the C threads classic: producer cthreads put numbered
 * items into a buffer of {@value #SLOTS} slots, consumer cthreads take them
 * out, over one {@link Mutex} and two {@link Condition}s (not full, not
 * empty). Every wait blocks in the kernel.
 *
 * <p>Run it from a native thread of a fresh task; it makes its own C threads
 * library with that thread as the main cthread, and exits it at the end:
 * <pre>
 *   nativeTasks.threadCreate(taskId, "bounded-buffer", traps -&gt; BoundedBufferDemo.run(traps, out));
 * </pre>
 *
 * <p>It prints, one line each, in the order the things happened (lines are
 * printed while the mutex is held):
 * <pre>
 *   produced 1
 *   produced 2
 *   consumed 1
 *   ...
 *   bounded buffer: 10 items produced and consumed once each, in order (1 producer, 1 consumer, 4 slots)
 * </pre>
 * With one producer items are numbered 1, 2, ...; with several, item
 * {@code i} of producer {@code p} is {@code p.i}. The buffer is FIFO, so the
 * items are consumed in exactly the order they were produced (and each
 * producer's in ascending order). If that does not hold, the last line
 * starts with {@code bounded buffer: FAILED:} and says what went wrong.
 */
public final class BoundedBufferDemo {

    /** Slots in the buffer: few, so that producers do wait for consumers. */
    public static final int SLOTS = 4;
    /** Producers when none are given. */
    public static final int DEFAULT_PRODUCERS = 1;
    /** Consumers when none are given. */
    public static final int DEFAULT_CONSUMERS = 1;
    /** Items per producer when none are given. */
    public static final int DEFAULT_ITEMS = 10;

    private BoundedBufferDemo() {
    }

    /**
     * Runs the demo with one producer, one consumer and ten items.
     *
     * @param traps the calling native thread's traps (it becomes the main cthread)
     * @param out where the lines go
     * @return 0 if every item was consumed exactly once, in order; 1 if not
     */
    public static int run(MachTraps traps, PrintStream out) {
        return run(traps, DEFAULT_PRODUCERS, DEFAULT_CONSUMERS, DEFAULT_ITEMS, out);
    }

    /**
     * Runs the demo: {@code producers} producer cthreads put {@code items}
     * items each, {@code consumers} consumer cthreads take them all.
     *
     * @param traps the calling native thread's traps (it becomes the main cthread)
     * @param producers producer cthreads, at least 1
     * @param consumers consumer cthreads, at least 1
     * @param items items per producer, at least 0
     * @param out where the lines go
     * @return 0 if every item was consumed exactly once, in order; 1 if not
     * @throws IllegalArgumentException for counts out of range
     * @throws CThreadException if the kernel refused a thread or a port
     */
    public static int run(MachTraps traps, int producers, int consumers, int items, PrintStream out) {
        if (producers < 1 || consumers < 1 || items < 0) {
            throw new IllegalArgumentException("bounded buffer: producers " + producers + ", consumers "
                    + consumers + ", items " + items);
        }
        CThreads cthreads = CThreads.init(traps);
        try {
            Buffer buffer = new Buffer(cthreads, producers * items, producers > 1, out);
            List<CThread<Integer>> threads = new ArrayList<>();
            for (int p = 1; p <= producers; p++) {
                CThread<Integer> t = cthreads.cthreadFork((tr, k) -> buffer.produce(k, items), p);
                cthreads.cthreadSetName(t, "producer " + p);
                threads.add(t);
            }
            for (int c = 1; c <= consumers; c++) {
                CThread<Integer> t = cthreads.cthreadFork((tr, unused) -> buffer.consume(), null);
                cthreads.cthreadSetName(t, "consumer " + c);
                threads.add(t);
            }
            int produced = 0;
            int consumed = 0;
            for (int i = 0; i < threads.size(); i++) {
                int n = cthreads.cthreadJoin(threads.get(i));
                if (i < producers) {
                    produced += n;
                } else {
                    consumed += n;
                }
            }
            String problem = buffer.check(produced, consumed);
            if (problem != null) {
                out.println("bounded buffer: FAILED: " + problem);
                return 1;
            }
            out.println("bounded buffer: " + produced + " items produced and consumed once each, in order ("
                    + plural(producers, "producer") + ", " + plural(consumers, "consumer") + ", "
                    + SLOTS + " slots)");
            return 0;
        } finally {
            cthreads.exit();
        }
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The shared buffer: a ring of SLOTS items, and the log of what went in and out. */
    private static final class Buffer {

        private final Mutex mutex;
        private final Condition notFull;
        private final Condition notEmpty;
        private final PrintStream out;
        private final int total;
        private final boolean numberedByProducer;

        // Guarded by mutex.
        private final String[] slots = new String[SLOTS];
        private int head;
        private int count;
        private int taken;
        private final List<String> producedLog = new ArrayList<>();
        private final List<String> consumedLog = new ArrayList<>();

        Buffer(CThreads cthreads, int total, boolean numberedByProducer, PrintStream out) {
            this.mutex = cthreads.mutexAlloc("buffer");
            this.notFull = cthreads.conditionAlloc("not full");
            this.notEmpty = cthreads.conditionAlloc("not empty");
            this.total = total;
            this.numberedByProducer = numberedByProducer;
            this.out = out;
        }

        /** A producer: puts its items, waiting while the buffer is full. */
        int produce(int producer, int items) {
            for (int i = 1; i <= items; i++) {
                String item = numberedByProducer ? producer + "." + i : Integer.toString(i);
                mutex.mutexLock();
                try {
                    while (count == SLOTS) {
                        notFull.conditionWait(mutex);
                    }
                    slots[(head + count) % SLOTS] = item;
                    count++;
                    producedLog.add(item);
                    out.println("produced " + item);
                    notEmpty.conditionSignal();
                } finally {
                    mutex.mutexUnlock();
                }
            }
            return items;
        }

        /** A consumer: takes items until all have been taken, waiting while the buffer is empty. */
        int consume() {
            int n = 0;
            while (true) {
                mutex.mutexLock();
                try {
                    while (count == 0 && taken < total) {
                        notEmpty.conditionWait(mutex);
                    }
                    if (taken == total) {
                        return n;
                    }
                    String item = slots[head];
                    slots[head] = null;
                    head = (head + 1) % SLOTS;
                    count--;
                    taken++;
                    n++;
                    consumedLog.add(item);
                    out.println("consumed " + item);
                    notFull.conditionSignal();
                    if (taken == total) {
                        // The other consumers wait for items that will not come: let them see the end.
                        notEmpty.conditionBroadcast();
                    }
                } finally {
                    mutex.mutexUnlock();
                }
            }
        }

        /** Null if all went in and came out once, in order; else what went wrong. Called after every join. */
        String check(int produced, int consumed) {
            if (produced != total || consumed != total) {
                return "expected " + total + " items, produced " + produced + ", consumed " + consumed;
            }
            if (!consumedLog.equals(producedLog)) {
                return "consumed " + consumedLog + " but produced " + producedLog;
            }
            int[] last = new int[producedLog.size() + 2];
            for (String item : producedLog) {
                int dot = item.indexOf('.');
                int p = dot < 0 ? 1 : Integer.parseInt(item.substring(0, dot));
                int i = Integer.parseInt(item.substring(dot + 1));
                if (p >= last.length || i != last[p] + 1) {
                    return "item " + item + " out of order";
                }
                last[p] = i;
            }
            return null;
        }
    }
}
