package org.jmach.bench;

import java.util.concurrent.TimeUnit;

import org.jmach.pager.area.PageCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Paging through the default pager on the simulated disk, in pages per
 * second. The machine has {@link #MEMORY} of physical memory and the bench
 * task a region four times as large, written whole once, so most of it
 * lies in the paging area; each invocation touches the next page of the
 * region in turn, which is never resident:
 * <ul>
 * <li>{@link #pagein}: an 8-byte load, so one page-in (the pages evicted
 *     meanwhile are clean copies of what the pager holds, and are dropped);</li>
 * <li>{@link #pageout}: an 8-byte store, so one page-in and one page-out
 *     of a dirty page evicted for it.</li>
 * </ul>
 * Each fault is a data_request to the pager task, and each of the pager's
 * reads and writes a device_read or device_write RPC answered at the
 * disk's completion interrupt.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class PagerBench extends VmKernel {

    static final long MEMORY = 4L << 20;
    static final int PAGES = (int) (4 * MEMORY / PAGE);

    private PagerKernel kernel;
    private long base;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        kernel = new PagerKernel(MEMORY, 64L << 20, PageCodec.RAW);
        attach(kernel.startup);
        base = allocate((long) PAGES * PAGE);
        fill(base, (long) PAGES * PAGE);
    }

    @Benchmark
    public void pagein() {
        int kr = traps.load(base + (long) next * PAGE, word, 0, 8);
        if (kr != 0) {
            throw new IllegalStateException("load: " + kr);
        }
        next = (next + 1) % PAGES;
    }

    @Benchmark
    public void pageout() {
        store(base + (long) next * PAGE);
        next = (next + 1) % PAGES;
    }

    @Override
    @TearDown(Level.Trial)
    public void halt() {
        try {
            if (self != null) {
                self.detach();
                self = null;
            }
        } finally {
            try {
                kernel.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
