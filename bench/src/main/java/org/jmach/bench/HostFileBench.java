package org.jmach.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

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
 * The pager benchmarks' baseline: the host reading and writing 4 KiB pages
 * of a 16 MiB file with positional FileChannel calls, the same calls the
 * simulated disk makes, page after page in turn, in pages per second. The
 * file stays in the host's page cache, so this is the cost of the system
 * calls and copies alone: what the simulated disk's path adds to.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class HostFileBench {

    static final int PAGE = 4096;
    static final int PAGES = 4096;

    private Path file;
    private FileChannel channel;
    private final ByteBuffer page = ByteBuffer.allocate(PAGE);
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        file = Files.createTempFile("jmach-bench-host", ".img");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        for (int p = 0; p < PAGES; p++) {
            page.clear();
            channel.write(page, (long) p * PAGE);
        }
    }

    @Benchmark
    public int hostPread() throws IOException {
        page.clear();
        int n = channel.read(page, (long) next * PAGE);
        next = (next + 1) % PAGES;
        return n;
    }

    @Benchmark
    public int hostPwrite() throws IOException {
        page.clear();
        int n = channel.write(page, (long) next * PAGE);
        next = (next + 1) % PAGES;
        return n;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
