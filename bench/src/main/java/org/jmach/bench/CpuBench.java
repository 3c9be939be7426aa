package org.jmach.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jmach.exec.BareRunner;
import org.jmach.kernel.kern.NativeTasks;
import org.jmach.kernel.kern.Startup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The interpreter on a real program: {@code userland/bin/rv64gc/bench}
 * (CRC-32, an integer matrix multiply, a sieve) run whole under the bare
 * personality, {@link #REPS} repetitions an invocation, on a kernel of two
 * processors; the score is the time of one run. The program reports on
 * stderr how many instructions it retired (the instret CSR, exact on
 * jmach), which {@link BenchMain} turns into MIPS.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CpuBench {

    /** The program's repetitions an invocation (some 29 M instructions). */
    static final String REPS = "4";
    static final Pattern INSTRUCTIONS = Pattern.compile("(\\d+) instructions");

    /** The program's path, set by BenchMain. */
    @Param("")
    public String program;

    private Startup kernel;
    private byte[] file;
    private final PrintStream discard = new PrintStream(OutputStream.nullOutputStream());

    @Setup(Level.Trial)
    public void boot() throws Exception {
        file = Files.readAllBytes(Path.of(program));
        kernel = Startup.setupMain(BenchMachine.of(2), org.jmach.vm.vm.Vm::new, "jmach-bench");
    }

    @Benchmark
    public int run() throws InterruptedException {
        int status = new BareRunner(new NativeTasks(kernel), new ByteArrayInputStream(new byte[0]), discard, discard)
                .run(program, file, List.of(REPS));
        if (status != 0) {
            throw new IllegalStateException(program + " exited " + status);
        }
        return status;
    }

    @TearDown(Level.Trial)
    public void halt() {
        kernel.shutdown();
    }

    /** Instructions one run retires, as the program reports them: runs it once on a kernel of its own. */
    static long instructions(String program) throws Exception {
        Startup k = Startup.setupMain(BenchMachine.of(2), org.jmach.vm.vm.Vm::new, "jmach-bench");
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new BareRunner(new NativeTasks(k), new ByteArrayInputStream(new byte[0]),
                    new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(program, Files.readAllBytes(Path.of(program)), List.of(REPS));
            Matcher m = INSTRUCTIONS.matcher(err.toString(StandardCharsets.UTF_8));
            if (status != 0 || !m.find()) {
                throw new IllegalStateException(program + " exited " + status + ": " + err);
            }
            return Long.parseLong(m.group(1));
        } finally {
            k.shutdown();
        }
    }
}
