package org.jmach.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

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
 * The baselines of {@code ./mach bench vm}, measured on the host in the
 * same run:
 *
 * <ul>
 * <li>{@link #copy64k}, {@link #copy64m}: {@code System.arraycopy} of
 *     64 KiB and 64 MiB between Java arrays, what moving out-of-line data
 *     by copying would cost at the least.
 * <li>The host's own page faults, on {@link VmBench#PAGES} pages of a
 *     file on tmpfs ({@code /dev/shm}, else the temporary folder) mapped
 *     afresh per invocation (outside the measurement), one 8-byte write per
 *     page as in VmBench. Writes fault page by page (Linux maps ahead only
 *     on read faults):
 *     {@link #hostZeroFillFault}: a shared mapping of a sparse file, each
 *     write allocates and zeroes a page; {@link #hostCowFault}: a private
 *     mapping of a file whose pages are resident, each write copies one;
 *     {@link #hostFileFault}: a shared mapping of that file, each write
 *     finds its page in the page cache (a minor fault, the host's closest
 *     counterpart of a page a memory manager holds).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostMemoryBench {

    static final int PAGE = VmKernel.PAGE;
    static final long SIZE = VmBench.SIZE;

    /** Two arrays of {@link #size} bytes, the source written. */
    public abstract static class Buffers {
        byte[] from;
        byte[] to;

        abstract int size();

        @Setup(Level.Trial)
        public void setup() {
            from = new byte[size()];
            to = new byte[size()];
            Arrays.fill(from, (byte) 1);
        }
    }

    @State(Scope.Thread)
    public static class Buffers64k extends Buffers {
        @Override
        int size() {
            return 64 << 10;
        }
    }

    @State(Scope.Thread)
    public static class Buffers64m extends Buffers {
        @Override
        int size() {
            return 64 << 20;
        }
    }

    /** A file of {@link #SIZE} bytes on tmpfs, and per invocation a fresh mapping of it. */
    public abstract static class Mapped {
        Path path;
        RandomAccessFile file;
        MappedByteBuffer map;

        @Setup(Level.Trial)
        public void open() throws IOException {
            Path shm = Path.of("/dev/shm");
            path = Files.createTempFile(Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Path.of(System.getProperty("java.io.tmpdir")), "jmach-bench", ".mem");
            file = new RandomAccessFile(path.toFile(), "rw");
            prepare();
        }

        /** What the file holds before the first invocation: nothing here. */
        void prepare() throws IOException {
        }

        /** Writes every page of the file: its pages are resident. */
        void fillFile() throws IOException {
            byte[] page = new byte[PAGE];
            Arrays.fill(page, (byte) 1);
            file.setLength(0);
            for (long off = 0; off < SIZE; off += PAGE) {
                file.write(page);
            }
        }

        void map(FileChannel.MapMode mode) throws IOException {
            map = file.getChannel().map(mode, 0, SIZE);
        }

        @TearDown(Level.Invocation)
        public void unmap() throws ReflectiveOperationException {
            Unmap.unmap(map);
            map = null;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            file.close();
            Files.deleteIfExists(path);
        }
    }

    @State(Scope.Thread)
    public static class Sparse extends Mapped {
        /** A hole of SIZE bytes: every page is new. */
        @Setup(Level.Invocation)
        public void fresh() throws IOException {
            file.setLength(0);
            file.setLength(SIZE);
            map(FileChannel.MapMode.READ_WRITE);
        }
    }

    @State(Scope.Thread)
    public static class Private extends Mapped {
        @Override
        void prepare() throws IOException {
            fillFile();
        }

        @Setup(Level.Invocation)
        public void fresh() throws IOException {
            map(FileChannel.MapMode.PRIVATE);
        }
    }

    @State(Scope.Thread)
    public static class Shared extends Mapped {
        @Override
        void prepare() throws IOException {
            fillFile();
        }

        @Setup(Level.Invocation)
        public void fresh() throws IOException {
            map(FileChannel.MapMode.READ_WRITE);
        }
    }

    /** Unmapping now rather than at some garbage collection: the JDK's own cleaner, through sun.misc.Unsafe. */
    static final class Unmap {
        private static Object unsafe;
        private static Method invokeCleaner;

        private Unmap() {
        }

        static synchronized void unmap(ByteBuffer buffer) throws ReflectiveOperationException {
            if (invokeCleaner == null) {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = f.get(null);
                invokeCleaner = c.getMethod("invokeCleaner", ByteBuffer.class);
            }
            invokeCleaner.invoke(unsafe, buffer);
        }
    }

    private static long touch(MappedByteBuffer map) {
        for (int i = 0; i < VmBench.PAGES; i++) {
            map.putLong(i * PAGE, i);
        }
        return map.getLong(0);
    }

    /** baseline_copy_64k_ns. */
    @Benchmark
    public byte[] copy64k(Buffers64k a) {
        System.arraycopy(a.from, 0, a.to, 0, a.to.length);
        return a.to;
    }

    /** baseline_copy_64m_ns. */
    @Benchmark
    public byte[] copy64m(Buffers64m a) {
        System.arraycopy(a.from, 0, a.to, 0, a.to.length);
        return a.to;
    }

    /** baseline_host_zero_fill_fault_ns. */
    @Benchmark
    @OperationsPerInvocation(VmBench.PAGES)
    public long hostZeroFillFault(Sparse m) {
        return touch(m.map);
    }

    /** baseline_host_cow_fault_ns. */
    @Benchmark
    @OperationsPerInvocation(VmBench.PAGES)
    public long hostCowFault(Private m) {
        return touch(m.map);
    }

    /** baseline_host_file_fault_ns. */
    @Benchmark
    @OperationsPerInvocation(VmBench.PAGES)
    public long hostFileFault(Shared m) {
        return touch(m.map);
    }
}
