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
 * first with no swap (the baseline: the longest access a fault takes
 * anyway), then while the serving implementation is replaced after every
 * pass, plain and compressing in turn. The longest single page access
 * during the swaps is the stall a swap causes; at the end every page is
 * read once more, and a failed access or a page with the wrong contents
 * counts as a page lost.
 */
final class PagerSwapRun {

    static final int PAGE = 4096;
    static final int THREADS = 4;
    static final long MEMORY = 4L << 20;

    /** {swap_pause_max_ms, pages_lost, no_swap_access_max_ms, swaps}. */
    static double[] run(int swaps) throws Exception {
        try (PagerKernel kernel = new PagerKernel(MEMORY, 64L << 20, PageCodec.RAW)) {
            int pages = (int) (4 * MEMORY / PAGE);
            Workload w = new Workload(kernel, pages);
            w.awaitPasses(2);
            double quiet = w.longest.getAndSet(0) / 1e6;
            for (int i = 0; i < swaps; i++) {
                kernel.swap(i % 2 == 0 ? PageCodec.DEFLATE : PageCodec.RAW);
                w.awaitPasses(1);
            }
            double pause = w.longest.get() / 1e6;
            w.stop();
            return new double[] {pause, w.lost.get(), quiet, swaps};
        }
    }

    /** The paging task: threads each owning a quarter of the region, writing then checking every page. */
    private static final class Workload {
        final AtomicLong longest = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
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
