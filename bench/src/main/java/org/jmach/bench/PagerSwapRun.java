package org.jmach.bench;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.pager.area.PageCodec;

/**
 * The hot swap of the default pager under load, measured: a task with four
 * threads writes and re-reads four times physical memory, pass after pass,
 * while the serving implementation is replaced again and again, plain and
 * compressing in turn. The longest page access around a swap is the stall
 * it causes; the baseline is the longest around a window of the same
 * length with no swap. At the end every page is read once more; a failed
 * access or a page with the wrong contents counts as a page lost.
 */
final class PagerSwapRun {

    static final int PAGE = 4096;
    static final int THREADS = 4;
    static final long MEMORY = 4L << 20;

    /** How long a quiet window lasts: about what a swap takes once warm. */
    static final long QUIET_WINDOW_MS = 20;

    /**
     * {swap_pause_max_ms, pages_lost, no_swap_access_max_ms, swaps,
     * swap_pause_cold_ms}. After two passes, one swap each way runs the
     * code for the first time (its stall is reported apart, cold); then
     * each measured window resets the longest access, runs a swap (or, for
     * the baseline, lets {@value #QUIET_WINDOW_MS} ms pass), and waits until
     * every thread has made a few more accesses: the longest access seen is
     * the stall that window caused. The figure is the worst window.
     */
    static double[] run(int swaps) throws Exception {
        try (PagerKernel kernel = new PagerKernel(MEMORY, 64L << 20, PageCodec.RAW)) {
            int pages = (int) (4 * MEMORY / PAGE);
            Workload w = new Workload(kernel, pages);
            w.awaitPasses(2);
            double cold = Math.max(w.window(() -> kernel.swap(PageCodec.DEFLATE)),
                    w.window(() -> kernel.swap(PageCodec.RAW)));
            w.awaitPasses(1);
            double quiet = 0;
            for (int i = 0; i < swaps; i++) {
                quiet = Math.max(quiet, w.window(() -> Thread.sleep(QUIET_WINDOW_MS)));
            }
            double pause = 0;
            for (int i = 0; i < swaps; i++) {
                PageCodec next = i % 2 == 0 ? PageCodec.DEFLATE : PageCodec.RAW;
                pause = Math.max(pause, w.window(() -> kernel.swap(next)));
            }
            w.stop();
            return new double[] {pause, w.lost.get(), quiet, swaps, cold};
        }
    }

    /** Something a window waits for. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** The paging task: threads each owning a quarter of the region, writing then checking every page. */
    private static final class Workload {
        final AtomicLong longest = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong accesses = new AtomicLong();
        final AtomicInteger passes = new AtomicInteger();
        private final List<CompletableFuture<Void>> threads = new ArrayList<>();
        private final PagerKernel kernel;
        private final int taskId;
        private volatile boolean stopping;

        Workload(PagerKernel kernel, int pages) throws Exception {
            this.kernel = kernel;
            taskId = kernel.tasks.taskCreate("swap-bench");
            CompletableFuture<Long> region = new CompletableFuture<>();
            kernel.tasks.threadCreate(taskId, "allocate", t -> {
                long[] a = new long[1];
                int kr = new MachUser(t.mig()).vmAllocate(t.machTaskSelf(), a, (long) pages * PAGE, 1);
                region.complete(kr == KERN_SUCCESS ? a[0] : -1);
            });
            long base = region.get(60, TimeUnit.SECONDS);
            if (base < 0) {
                throw new IllegalStateException("vm_allocate failed");
            }
            int share = pages / THREADS;
            for (int i = 0; i < THREADS; i++) {
                int first = i * share;
                CompletableFuture<Void> done = new CompletableFuture<>();
                threads.add(done);
                kernel.tasks.threadCreate(taskId, "client-" + i, t -> {
                    passes(t, base, first, share);
                    done.complete(null);
                });
            }
        }

        void awaitPasses(int n) throws InterruptedException {
            int target = passes.get() + n * THREADS;
            long deadline = System.currentTimeMillis() + 600_000;
            while (passes.get() < target && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
        }

        /** The longest access, in ms, from now until a few accesses per thread after {@code action}. */
        double window(Action action) throws Exception {
            longest.set(0);
            action.run();
            long target = accesses.get() + 4 * THREADS;
            long deadline = System.currentTimeMillis() + 600_000;
            while (accesses.get() < target && System.currentTimeMillis() < deadline) {
                Thread.sleep(1);
            }
            return longest.get() / 1e6;
        }

        void stop() throws Exception {
            stopping = true;
            try {
                for (CompletableFuture<Void> t : threads) {
                    t.get(10, TimeUnit.MINUTES);
                }
            } finally {
                kernel.tasks.taskTerminate(taskId);
            }
        }

        private void passes(MachTraps t, long base, int first, int count) {
            byte[] page = new byte[PAGE];
            boolean last = false;
            for (int pass = 0; !last; pass++) {
                last = stopping;
                for (int p = first; p < first + count; p++) {
                    fill(page, p, pass);
                    access(t, base + (long) p * PAGE, page, true);
                }
                for (int p = first; p < first + count; p++) {
                    // A failed load was counted by access; a page read back wrong is counted here.
                    if (access(t, base + (long) p * PAGE, page, false) && crc(page) != expected(p, pass)) {
                        lost.incrementAndGet();
                    }
                }
                passes.incrementAndGet();
            }
        }

        private boolean access(MachTraps t, long address, byte[] page, boolean store) {
            long start = System.nanoTime();
            int kr = store ? t.store(address, page, 0, PAGE) : t.load(address, page, 0, PAGE);
            longest.accumulateAndGet(System.nanoTime() - start, Math::max);
            accesses.incrementAndGet();
            if (kr != KERN_SUCCESS) {
                lost.incrementAndGet();
                return false;
            }
            return true;
        }
    }

    /** A page's contents in a pass: a pseudo-random pattern seeded by both. */
    static void fill(byte[] page, int p, int pass) {
        new java.util.Random(p * 1_000_003L + pass).nextBytes(page);
    }

    static long expected(int p, int pass) {
        byte[] page = new byte[PAGE];
        fill(page, p, pass);
        return crc(page);
    }

    static long crc(byte[] page) {
        CRC32 c = new CRC32();
        c.update(page);
        return c.getValue();
    }

    private PagerSwapRun() {
    }
}
