package org.jmach.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jmach.hw.internal.FileDisk;
import org.jmach.kernel.kern.NativeTasks;
import org.jmach.kernel.kern.Startup;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.Port;
import org.jmach.pager.area.PageCodec;
import org.jmach.pager.server.DefaultPager;
import org.jmach.pager.server.PagerLog;

/**
 * A boot for the pager benchmarks: two processors, small memory, a disk
 * on a host file in a fresh temporary folder, and the default pager
 * serving from it (the same code the pager bundles run, started here
 * without OSGi). {@link #swap} replaces the serving implementation as a
 * bundle update does: the old one detaches, the new one attaches.
 */
final class PagerKernel implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    final Startup startup;
    final MachNativeTasks tasks;
    private final Path folder;
    private final FileDisk disk;
    private volatile DefaultPager pager;

    PagerKernel(long memory, long diskBytes, PageCodec codec) throws IOException, InterruptedException {
        folder = Files.createTempDirectory("jmach-bench-pager");
        disk = new FileDisk(folder.resolve("hd0.img"), diskBytes);
        startup = Startup.setupMain(BenchMachine.of(2, memory), org.jmach.vm.vm.Vm::new, "jmach-bench",
                Port.MACH_PORT_QLIMIT_DEFAULT, () -> disk);
        tasks = new NativeTasks(startup);
        pager = start(codec);
    }

    private DefaultPager start(PageCodec codec) throws InterruptedException {
        DefaultPager p = DefaultPager.start(tasks, "bench " + codec, codec, 4, PagerLog.platform("jmach-bench"));
        if (!p.awaitServing(WAIT)) {
            throw new IllegalStateException("the default pager did not attach within " + WAIT);
        }
        return p;
    }

    /** Detaches the serving pager and attaches a new one storing pages with {@code codec}. */
    void swap(PageCodec codec) throws InterruptedException {
        if (!pager.stop(WAIT)) {
            throw new IllegalStateException("the default pager did not detach within " + WAIT);
        }
        pager = start(codec);
    }

    @Override
    public void close() throws Exception {
        try {
            pager.stop(WAIT);
        } finally {
            startup.shutdown();
            disk.close();
            Files.deleteIfExists(folder.resolve("hd0.img"));
            Files.deleteIfExists(folder);
        }
    }
}
