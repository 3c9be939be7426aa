package org.jmach.pager.server;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import org.jmach.hw.internal.FileDisk;
import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.kernel.kern.KernelDebug;
import org.jmach.kernel.kern.NativeTasks;
import org.jmach.kernel.kern.Startup;
import org.jmach.mach.DefaultPagerUser;
import org.jmach.mach.MachDebug;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.Port;
import org.jmach.pager.area.PageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default pager's server on a real kernel and disk, without OSGi: a
 * task pages four times physical memory through it while the serving
 * implementation is replaced (as bundle updates replace it), and the
 * paging area survives a clean shutdown and boot.
 */
class DefaultPagerTest {

    static final int PAGE = 4096;
    /** 256 frames. */
    static final long MEMORY = 1L << 20;
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    private Startup kernel;
    private FileDisk disk;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private MachNativeTasks boot() {
        if (disk == null) {
            disk = new FileDisk(folder.resolve("hd0.img"), 16L << 20);
        }
        return bootOn(() -> disk);
    }

    private MachNativeTasks bootOn(java.util.function.Supplier<org.jmach.hw.Disk> disks) {
        kernel = Startup.setupMain(new SimulatedMachine(2, MEMORY, 100), org.jmach.vm.vm.Vm::new, "test",
                Port.MACH_PORT_QLIMIT_DEFAULT, disks);
        return new NativeTasks(kernel);
    }

    private DefaultPager start(MachNativeTasks tasks, PageCodec codec) throws InterruptedException {
        DefaultPager p = DefaultPager.start(tasks, "test " + codec, codec, 3, quiet());
        assertTrue(p.awaitServing(WAIT), "the pager serves: " + log);
        return p;
    }

    @AfterEach
    void halt() {
        if (kernel != null) {
            kernel.shutdown();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aTaskPagesFourTimesMemoryWhileThePagerIsReplacedAndLosesNothing() throws Exception {
        MachNativeTasks tasks = boot();
        DefaultPager pager = start(tasks, PageCodec.RAW);
        Workload w = new Workload(tasks, (int) (4 * MEMORY / PAGE));
        w.awaitPasses(1);
        PageCodec[] order = {PageCodec.DEFLATE, PageCodec.RAW, PageCodec.DEFLATE, PageCodec.RAW};
        List<Integer> selfRefs = new ArrayList<>();
        for (PageCodec codec : order) {
            assertTrue(pager.stop(WAIT), () -> "detached: " + log + "\n" + state());
            selfRefs.add(pagerSelfReferences());
            pager = start(tasks, codec);
            w.awaitPasses(1);
        }
        assertEquals(1, selfRefs.stream().distinct().count(),
                "each tenure gives back the references mach_task_self gave it: " + selfRefs);
        w.stop();
        assertEquals(List.of(), w.errors);
        assertTrue(w.checked.get() >= 5L * w.pages, "every page was checked after every swap");
        long[] stats = statistics(tasks);
        assertTrue(stats[0] > 0 && stats[1] > 0, "pages went in and out");
        assertTrue(List.copyOf(log).stream().noneMatch(m -> m.startsWith("warning")), "no warning: " + log);
        assertTrue(pager.stop(WAIT), () -> "detached: " + log + "\n" + state());
    }

    @Test
    void theAreaIsConsistentAfterACleanShutdownAndItsOldObjectsAreReleased() throws Exception {
        MachNativeTasks tasks = boot();
        DefaultPager pager = start(tasks, PageCodec.DEFLATE);
        Workload w = new Workload(tasks, (int) (2 * MEMORY / PAGE));
        w.awaitPasses(1);
        // The kernel hands pages out faster than the pager stores them: their messages may still wait in its queue.
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (statistics(tasks)[4] == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(statistics(tasks)[4] > 0, "pages are in the paging area");
        assertTrue(pager.stop(WAIT), () -> "detached: " + log + "\n" + state());
        kernel.shutdown();

        tasks = boot();
        pager = start(tasks, PageCodec.RAW);
        String report = pager.report();
        assertTrue(report.contains("paging area consistent, clean"), report);
        assertEquals(0, statistics(tasks)[4], "the earlier boot's pages were freed");
        assertTrue(pager.stop(WAIT), () -> "detached: " + log + "\n" + state());
    }

    @Test
    void aPagerThatCannotOpenTheDiskFailsCleanlyAndHandsTheBatonOn() throws Exception {
        java.util.concurrent.atomic.AtomicReference<org.jmach.hw.Disk> installed = new java.util.concurrent.atomic.AtomicReference<>();
        MachNativeTasks tasks = bootOn(installed::get);
        DefaultPager failing = DefaultPager.start(tasks, "no disk", PageCodec.RAW, 2, quiet());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> failing.awaitServing(WAIT));
        assertTrue(String.valueOf(e.getCause()).contains("D_NO_SUCH_DEVICE") || String.valueOf(e.getCause()).contains("2502"),
                String.valueOf(e.getCause()));
        disk = new FileDisk(folder.resolve("hd0.img"), 16L << 20);
        installed.set(disk);
        DefaultPager next = start(tasks, PageCodec.RAW);
        assertEquals(failing.taskId(), next.taskId(), "the same task, found by its name");
        assertTrue(next.stop(WAIT));
    }

    private PagerLog quiet() {
        return new PagerLog() {
            @Override
            public void routine(String message) {
                log.add(message);
            }

            @Override
            public void warning(String message) {
                log.add("warning: " + message);
            }
        };
    }

    /** The user references the pager task holds on its own task port's name (mach_task_self adds one a call). */
    int pagerSelfReferences() {
        org.jmach.kernel.kern.Task pager = kernel.tasks().stream().filter(t -> t.name().equals(PagerNames.TASK))
                .findFirst().orElseThrow();
        CompletableFuture<Integer> out = new CompletableFuture<>();
        new NativeTasks(kernel).threadCreate(pager.id(), "refs", t -> {
            int self = t.machTaskSelf();
            int[] refs = new int[1];
            t.machPort().machPortGetRefs(self, self, Port.MACH_PORT_RIGHT_SEND, refs);
            t.machPort().machPortDeallocate(self, self);
            out.complete(refs[0] - 1); // without this thread's own
        });
        try {
            return out.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the kernel says of its tasks' threads and of memory, for a failure's message. */
    String state() {
        StringBuilder b = new StringBuilder(String.valueOf(KernelDebug.vmStatistics(kernel)));
        for (MachDebug.TaskSummary t : KernelDebug.tasks(kernel)) {
            b.append("\n").append(t);
            KernelDebug.threads(kernel, t.id()).forEach(th -> b.append("\n  ").append(th));
        }
        KernelDebug.processors(kernel).forEach(p -> b.append("\n").append(p));
        KernelDebug.vmObjects(kernel).forEach(o -> b.append("\n").append(o));
        KernelDebug.tasks(kernel).forEach(t -> KernelDebug.vmRegions(kernel, t.id())
                .forEach(r -> b.append("\n").append(t.name()).append(' ').append(r)));
        // Where the pager's threads stand, in Java: what a deadlock report needs.
        java.lang.Thread.getAllStackTraces().forEach((t, stack) -> {
            if (java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.jmach."))) {
                b.append("\n").append(t.getName());
                for (StackTraceElement f : stack) {
                    b.append("\n    at ").append(f);
                }
            }
        });
        return b.toString();
    }

    /** default_pager_statistics, from a privileged task, as mach:pager asks it. */
    private static long[] statistics(MachNativeTasks tasks) throws Exception {
        int task = tasks.taskCreate("ask");
        int hostPriv = tasks.hostPriv(task);
        CompletableFuture<long[]> r = new CompletableFuture<>();
        tasks.threadCreate(task, "ask", t -> {
            int[] manager = {Port.MACH_PORT_NULL};
            new MachUser(t.mig()).vmSetDefaultMemoryManager(hostPriv, manager);
            String[] impl = new String[1];
            long[][] stats = new long[1][];
            int kr = new DefaultPagerUser(t.mig()).defaultPagerStatistics(manager[0], impl, stats);
            if (kr == KERN_SUCCESS) {
                r.complete(stats[0]);
            } else {
                r.completeExceptionally(new AssertionError("default_pager_statistics: " + kr));
            }
        });
        try {
            return r.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            tasks.taskTerminate(task);
        }
    }

    /** Four threads of one task writing and checking every page of a region, pass after pass. */
    final class Workload {
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong checked = new AtomicLong();
        final AtomicInteger passes = new AtomicInteger();
        final int pages;
        private final List<CompletableFuture<Void>> threads = new ArrayList<>();
        private final MachNativeTasks tasks;
        private final int taskId;
        private volatile boolean stopping;

        Workload(MachNativeTasks tasks, int pages) throws Exception {
            this.tasks = tasks;
            this.pages = pages;
            taskId = tasks.taskCreate("client");
            CompletableFuture<Long> region = new CompletableFuture<>();
            tasks.threadCreate(taskId, "allocate", t -> {
                long[] a = new long[1];
                int kr = new MachUser(t.mig()).vmAllocate(t.machTaskSelf(), a, (long) pages * PAGE, 1);
                region.complete(kr == KERN_SUCCESS ? a[0] : -1);
            });
            long base = region.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(base > 0, "vm_allocate");
            int share = pages / 4;
            for (int i = 0; i < 4; i++) {
                int first = i * share;
                CompletableFuture<Void> done = new CompletableFuture<>();
                threads.add(done);
                tasks.threadCreate(taskId, "client " + i, t -> {
                    run(t, base, first, share);
                    done.complete(null);
                });
            }
        }

        void awaitPasses(int n) throws InterruptedException {
            int target = passes.get() + 4 * n;
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (passes.get() < target && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(passes.get() >= target, () -> "the clients made progress: " + errors + "\n" + state());
        }

        void stop() throws Exception {
            stopping = true;
            try {
                for (CompletableFuture<Void> t : threads) {
                    t.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                tasks.taskTerminate(taskId);
            }
        }

        private void run(MachTraps t, long base, int first, int count) {
            byte[] page = new byte[PAGE];
            boolean last = false;
            for (int pass = 0; !last; pass++) {
                last = stopping;
                for (int p = first; p < first + count; p++) {
                    fill(page, p, pass);
                    if (t.store(base + (long) p * PAGE, page, 0, PAGE) != KERN_SUCCESS) {
                        errors.add("store " + p);
                    }
                }
                for (int p = first; p < first + count; p++) {
                    if (t.load(base + (long) p * PAGE, page, 0, PAGE) != KERN_SUCCESS) {
                        errors.add("load " + p);
                    } else if (crc(page) != expected(p, pass)) {
                        errors.add("page " + p + " pass " + pass);
                    }
                    checked.incrementAndGet();
                }
                passes.incrementAndGet();
            }
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
}
