package org.jmach.bench;

import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Page faults of native threads, measured through the Mach API: an
 * invocation touches each of {@link #PAGES} pages once ({@link #PAGER_PAGES}
 * for the manager's object), an 8-byte store or load through
 * {@code MachTraps}, which faults as the CPU does; the score is per page. What makes the pages fresh again happens between
 * invocations, outside the measurement:
 *
 * <ul>
 * <li>{@link #zeroFillFault}: stores to a region just vm_allocate'd;
 *     vm_deallocate after.
 * <li>{@link #cowFault}: stores to a region just made by vm_copy of a
 *     region whose pages are all resident (written once in the trial's
 *     setup): each store copies a page. vm_deallocate after.
 * <li>{@link #externalPagerFault}: loads from a region vm_map'd once of a
 *     memory object served by {@link BenchPager}, a user-level task: each
 *     load sends data_request, and the manager's data_supply ends the
 *     fault. After, the manager flushes the pages
 *     (memory_object_lock_request), so every measured load faults again.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VmBench {

    /** Pages touched per invocation: 16 MiB. */
    static final int PAGES = 4096;
    static final long SIZE = (long) PAGES * VmKernel.PAGE;
    /** Pages a manager supplies per invocation (4 MiB): each fault is a round trip to it, so fewer. */
    static final int PAGER_PAGES = 1024;
    static final long PAGER_SIZE = (long) PAGER_PAGES * VmKernel.PAGE;

    /** A fresh vm_allocate'd region per invocation. */
    @State(Scope.Thread)
    public static class ZeroFill extends VmKernel {
        long region;

        @Setup(Level.Trial)
        public void setup() {
            boot();
        }

        @Setup(Level.Invocation)
        public void fresh() {
            region = allocate(SIZE);
        }

        @TearDown(Level.Invocation)
        public void release() {
            deallocate(region, SIZE);
        }
    }

    /** A resident source region, and per invocation a vm_copy of it. */
    @State(Scope.Thread)
    public static class Cow extends VmKernel {
        long source;
        long copy;

        @Setup(Level.Trial)
        public void setup() {
            boot();
            source = allocate(SIZE);
            fill(source, SIZE);
        }

        @Setup(Level.Invocation)
        public void fresh() {
            copy = allocate(SIZE);
            check(mach.vmCopy(taskSelf, source, SIZE, copy), "vm_copy");
        }

        @TearDown(Level.Invocation)
        public void release() {
            deallocate(copy, SIZE);
        }
    }

    /** A region mapping the manager's object, flushed after each invocation. */
    @State(Scope.Thread)
    public static class Pager extends VmKernel {
        BenchPager pager;
        long region;
        int replyPort;
        final MachMessage msg = new MachMessage(256);
        final byte[] in = new byte[8];

        @Setup(Level.Trial)
        public void setup() {
            boot();
            pager = new BenchPager(this, startup.taskCreate("pager"), PAGER_SIZE);
            long[] address = {0};
            check(mach.vmMap(taskSelf, address, PAGER_SIZE, 0, 1, pager.object, 0, 0, VM_PROT_DEFAULT, VM_PROT_ALL,
                    VM_INHERIT_COPY), "vm_map");
            region = address[0];
            replyPort = traps.machReplyPort();
            if (replyPort == MACH_PORT_NULL) {
                throw new IllegalStateException("mach_reply_port: no port");
            }
        }

        @TearDown(Level.Invocation)
        public void flush() {
            pager.flush(this, replyPort, msg);
        }

        /** Loads the first word of a page and checks that it is the manager's. */
        long load(long address) {
            int kr = traps.load(address, in, 0, 8);
            if (kr != KernReturn.KERN_SUCCESS) {
                throw new IllegalStateException("load at 0x" + Long.toHexString(address) + ": " + KernReturn.name(kr));
            }
            long v = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (v != BenchPager.VALUE) {
                throw new IllegalStateException("load at 0x" + Long.toHexString(address) + ": 0x" + Long.toHexString(v)
                        + ", not the manager's page");
            }
            return v;
        }
    }

    /** zero_fill_fault_ns: the first store to a page of a fresh region. */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long zeroFillFault(ZeroFill s) {
        long at = s.region;
        for (int i = 0; i < PAGES; i++) {
            s.store(at + (long) i * VmKernel.PAGE);
        }
        return at;
    }

    /** cow_fault_ns: the first store to a page shared copy-on-write with a resident one. */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long cowFault(Cow s) {
        long at = s.copy;
        for (int i = 0; i < PAGES; i++) {
            s.store(at + (long) i * VmKernel.PAGE);
        }
        return at;
    }

    /** external_pager_fault_ns: a load from a page that only the user-level manager has. */
    @Benchmark
    @OperationsPerInvocation(PAGER_PAGES)
    public long externalPagerFault(Pager s) {
        long at = s.region;
        long sum = 0;
        for (int i = 0; i < PAGER_PAGES; i++) {
            sum += s.load(at + (long) i * VmKernel.PAGE);
        }
        return sum;
    }
}
