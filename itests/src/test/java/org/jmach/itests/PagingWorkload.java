package org.jmach.itests;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;

/**
 * A task that pages: {@value #THREADS} native threads share one region of
 * anonymous memory, each writing every page of its quarter with contents
 * that depend on the page and the pass, then reading each back and
 * checking its CRC, pass after pass until told to stop. Any load or store
 * that fails and any page whose CRC is wrong is counted; the longest single
 * page access (a fault that waited for the pager) is recorded too.
 */
final class PagingWorkload {

    static final int PAGE = 4096;
    static final int THREADS = 4;

    final AtomicLong pagesWritten = new AtomicLong();
    final AtomicLong pagesChecked = new AtomicLong();
    final AtomicLong failedAccesses = new AtomicLong();
    final AtomicLong badPages = new AtomicLong();
    final AtomicLong longestAccessNanos = new AtomicLong();
    final AtomicInteger passesDone = new AtomicInteger();
    final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    private final MachNativeTasks tasks;
    private final int pages;
    private final int taskId;
    private final List<CompletableFuture<Void>> threads = new ArrayList<>();
    private volatile boolean stopping;

    /** Starts the task: {@code pages} pages of memory, shared out to {@value #THREADS} threads. */
    PagingWorkload(MachNativeTasks tasks, int pages) throws Exception {
        this.tasks = tasks;
        this.pages = pages;
        this.taskId = tasks.taskCreate("itest-paging");
        CompletableFuture<Long> region = new CompletableFuture<>();
        check("thread_create", tasks.threadCreate(taskId, "allocate", t -> {
            long[] address = new long[1];
            int kr = new MachUser(t.mig()).vmAllocate(t.machTaskSelf(), address, (long) pages * PAGE, 1);
            if (kr == KERN_SUCCESS) {
                region.complete(address[0]);
            } else {
                region.completeExceptionally(new AssertionError("vm_allocate: " + KernReturn.name(kr)));
            }
        }));
        long base = region.get(60, TimeUnit.SECONDS);
        int share = pages / THREADS;
        for (int i = 0; i < THREADS; i++) {
            int first = i * share;
            int count = i == THREADS - 1 ? pages - first : share;
            CompletableFuture<Void> done = new CompletableFuture<>();
            threads.add(done);
            check("thread_create", tasks.threadCreate(taskId, "pager-client-" + i, t -> {
                try {
                    run(t, base, first, count);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }));
        }
    }

    /** Waits until every thread has finished {@code n} more passes than it had, or the wait runs out. */
    void awaitPasses(int n, long millis) throws InterruptedException {
        int target = passesDone.get() + n * THREADS;
        long deadline = System.currentTimeMillis() + millis;
        while (passesDone.get() < target && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Ends the passes (each thread finishes its pass and checks every page once more) and the task. */
    void stop(long millis) throws Exception {
        stopping = true;
        try {
            for (CompletableFuture<Void> t : threads) {
                t.get(millis, TimeUnit.MILLISECONDS);
            }
        } finally {
            tasks.taskTerminate(taskId);
        }
    }

    int pages() {
        return pages;
    }

    private void run(MachTraps t, long base, int first, int count) {
        byte[] page = new byte[PAGE];
        int pass = 0;
        boolean last = false;
        while (!last) {
            last = stopping;
            for (int p = first; p < first + count; p++) {
                fill(page, p, pass);
                long address = base + (long) p * PAGE;
                if (timed(() -> t.store(address, page, 0, PAGE)) != KERN_SUCCESS) {
                    failedAccesses.incrementAndGet();
                    errors.add("store of page " + p + " failed");
                }
                pagesWritten.incrementAndGet();
            }
            for (int p = first; p < first + count; p++) {
                long address = base + (long) p * PAGE;
                if (timed(() -> t.load(address, page, 0, PAGE)) != KERN_SUCCESS) {
                    failedAccesses.incrementAndGet();
                    errors.add("load of page " + p + " failed");
                    continue;
                }
                if (crc(page) != expectedCrc(p, pass)) {
                    badPages.incrementAndGet();
                    errors.add("page " + p + " of pass " + pass + " has the wrong contents");
                }
                pagesChecked.incrementAndGet();
            }
            pass++;
            passesDone.incrementAndGet();
        }
    }

    private int timed(java.util.function.IntSupplier access) {
        long start = System.nanoTime();
        int kr = access.getAsInt();
        longestAccessNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        return kr;
    }

    /** A page's contents in a pass: a pseudo-random pattern seeded by both. */
    static void fill(byte[] page, int p, int pass) {
        new java.util.Random(p * 1_000_003L + pass).nextBytes(page);
    }

    static long expectedCrc(int p, int pass) {
        byte[] page = new byte[PAGE];
        fill(page, p, pass);
        return crc(page);
    }

    static long crc(byte[] page) {
        CRC32 c = new CRC32();
        c.update(page);
        return c.getValue();
    }

    private static void check(String call, int kr) {
        if (kr != KERN_SUCCESS) {
            throw new AssertionError(call + ": " + KernReturn.name(kr));
        }
    }
}
