package org.jmach.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./mach bench NAME}: runs one benchmark set ({@code ipc},
 * {@code sched}, {@code vm}, {@code pager}, {@code cpu}) with JMH and its baselines in the same run,
 * and prints only result lines {@code name value [unit]} on stdout, ratios
 * last. JMH's progress goes to stderr.
 *
 * <p>Environment: {@code JMACH_BENCH_FORKS} (1), {@code JMACH_BENCH_WARMUPS}
 * (3; {@link #VM_EXTRA_WARMUPS} more for the kernel's VM benchmarks),
 * {@code JMACH_BENCH_ITERATIONS} (5), {@code JMACH_BENCH_SECONDS} (1, per
 * iteration). The baselines that run in processes of their own (the pipe's,
 * the Java thread switch's) warm up and measure for as long as one JMH fork
 * does.
 *
 * <p>Exit status: 0; 1 if a benchmark failed (its lines and the ratios that
 * need it are missing); 2 for an unknown benchmark name.
 */
public final class BenchMain {

    /** The benchmark sets {@code ./mach bench} knows. */
    static final Set<String> KNOWN = new TreeSet<>(List.of("cpu", "ipc", "pager", "sched", "vm"));

    /** The kernel's IPC benchmarks, named here so that this class does not need the kernel. */
    private static final String IPC_BENCH = "org.jmach.bench.IpcBench";
    /** The scheduler's benchmarks, likewise. */
    private static final String SCHED_BENCH = "org.jmach.bench.SchedBench";
    /** The VM's page faults, likewise. */
    private static final String VM_BENCH = "org.jmach.bench.VmBench";
    /** Out-of-line data between tasks, likewise. */
    private static final String OOL_BENCH = "org.jmach.bench.OolBench";
    /**
     * Warm-up iterations the kernel's VM benchmarks get on top of the
     * others': their paths (out-of-line copyin and copyout, faults, the
     * kernel's MIG server) take the JIT some 4 to 6 seconds to settle on two
     * busy CPUs, at tens of microseconds an operation until then.
     */
    static final int VM_EXTRA_WARMUPS = 4;
    /** The RISC-V interpreter, likewise. */
    private static final String CPU_BENCH = "org.jmach.bench.CpuBench";
    /** The default pager's paging, likewise. */
    private static final String PAGER_BENCH = "org.jmach.bench.PagerBench";
    /** The host's file reads and writes, the baseline of the pager's. */
    private static final String HOST_FILE_BENCH = "org.jmach.bench.HostFileBench";
    /** The host's copies and page faults, the baselines of the VM benchmarks. */
    private static final String HOST_MEMORY_BENCH = "org.jmach.bench.HostMemoryBench";

    private final PrintStream results;
    private final PrintStream log;
    private final int forks = env("JMACH_BENCH_FORKS", 1);
    private final int warmups = env("JMACH_BENCH_WARMUPS", 3);
    private final int iterations = env("JMACH_BENCH_ITERATIONS", 5);
    private final int seconds = env("JMACH_BENCH_SECONDS", 1);
    private boolean failed;

    private BenchMain(PrintStream results, PrintStream log) {
        this.results = results;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !KNOWN.contains(args[0])) {
            System.err.println("mach bench: " + (args.length == 0 ? "no benchmark named"
                    : "unknown benchmark '" + String.join(" ", args) + "'")
                    + "; known benchmarks: " + String.join(", ", KNOWN));
            System.exit(2);
        }
        // Whatever JMH or a benchmark prints goes to stderr; stdout is for results.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        BenchMain main = new BenchMain(stdout, System.err);
        switch (args[0]) {
            case "ipc" -> main.ipc();
            case "sched" -> main.sched();
            case "vm" -> main.vm();
            case "pager" -> main.pager();
            case "cpu" -> main.cpu();
            default -> throw new AssertionError(args[0]);
        }
        stdout.flush();
        System.exit(main.failed ? 1 : 0);
    }

    private void ipc() throws RunnerException, IOException, InterruptedException {
        Map<String, Double> scores = jmh("^\\Q" + IPC_BENCH + ".\\E",
                "^\\Q" + ThreadPingPong.class.getName() + ".\\E");
        Double handoff = scores.get(IPC_BENCH + ".nullRpcHandoff");
        Double threads = scores.get(IPC_BENCH + ".nullRpcThreads");
        Double oneway = scores.get(IPC_BENCH + ".oneway");
        Double kernelCall = scores.get(IPC_BENCH + ".kernelCall");
        Double threadBaseline = scores.get(ThreadPingPong.class.getName() + ".roundTrip");
        double[] pipe = pipeBaseline();
        double pipePinned = pipe[0];
        double pipeUnpinned = pipe[1];
        // The faster pipe figure, so that the ratio does not flatter jmach.
        double pipeBest = Math.min(pipePinned, pipeUnpinned);

        line("null_rpc_handoff_ns", handoff, "%.1f", "ns");
        line("null_rpc_threads_ns", threads, "%.1f", "ns");
        line("oneway_msgs_per_s", oneway, "%.0f", "msgs/s");
        line("kernel_call_ns", kernelCall, "%.1f", "ns");
        line("baseline_thread_pingpong_ns", threadBaseline, "%.1f", "ns");
        line("baseline_pipe_pingpong_ns", pipePinned, "%.1f", "ns");
        line("baseline_pipe_pingpong_unpinned_ns", pipeUnpinned, "%.1f", "ns");
        ratio("pipe_over_handoff", pipeBest, handoff);
        ratio("threads_over_baseline", threads, threadBaseline);
        ratio("pipe_over_kernel_call", pipeBest, kernelCall);
    }

    /**
     * The scheduler on one simulated processor: a switch under swtch and a
     * directed handoff under thread_switch (each per switch), and a native
     * thread's whole life (create, set state, resume, end); against two
     * Java platform threads passing a token with park and unpark (per
     * switch, pinned to one CPU and not) and a Java thread started and joined.
     */
    private void sched() throws RunnerException, IOException, InterruptedException {
        Map<String, Double> scores = jmh("^\\Q" + SCHED_BENCH + ".\\E");
        Double contextSwitch = scores.get(SCHED_BENCH + ".contextSwitch");
        Double handoff = scores.get(SCHED_BENCH + ".handoff");
        Double threadCreate = scores.get(SCHED_BENCH + ".threadCreate");
        Double javaThreadCreate = scores.get(SCHED_BENCH + ".javaThreadCreate");
        double[] java = pinnedAndUnpinned("Java thread switch", JavaSwitchPingPong.class);
        // The faster Java figure, so that the ratios do not flatter jmach.
        double javaBest = Math.min(java[0], java[1]);

        line("context_switch_ns", contextSwitch, "%.1f", "ns");
        line("handoff_ns", handoff, "%.1f", "ns");
        line("thread_create_ns", threadCreate, "%.1f", "ns");
        line("baseline_java_switch_ns", java[0], "%.1f", "ns");
        line("baseline_java_switch_unpinned_ns", java[1], "%.1f", "ns");
        line("baseline_java_thread_create_ns", javaThreadCreate, "%.1f", "ns");
        ratio("context_switch_over_java", contextSwitch, javaBest);
        ratio("handoff_over_java", handoff, javaBest);
        ratio("handoff_over_context_switch", handoff, contextSwitch);
        ratio("thread_create_over_java", threadCreate, javaThreadCreate);
    }

    /**
     * Virtual memory on two simulated processors and 256 MiB: page faults
     * of a native thread (zero fill, copy-on-write, a page from a
     * user-level memory manager), each per page; a round trip carrying
     * 64 KiB and 64 MiB out of line between two tasks, and the same
     * without data. Against, in the same run: the host's page faults of
     * the same kinds on a tmpfs mapping, and System.arraycopy of 64 KiB and
     * 64 MiB (what moving the data by copying would cost at the least).
     */
    private void vm() throws RunnerException {
        Map<String, Double> scores = jmh(warmups + VM_EXTRA_WARMUPS, "^\\Q" + VM_BENCH + ".\\E",
                "^\\Q" + OOL_BENCH + ".\\E");
        scores.putAll(jmh(warmups, "^\\Q" + HOST_MEMORY_BENCH + ".\\E"));
        Double zeroFill = scores.get(VM_BENCH + ".zeroFillFault");
        Double cow = scores.get(VM_BENCH + ".cowFault");
        Double pager = scores.get(VM_BENCH + ".externalPagerFault");
        Double ool64k = scores.get(OOL_BENCH + ".ool64k");
        Double ool64m = scores.get(OOL_BENCH + ".ool64m");
        Double noData = scores.get(OOL_BENCH + ".rpcNoData");
        Double hostZeroFill = scores.get(HOST_MEMORY_BENCH + ".hostZeroFillFault");
        Double hostCow = scores.get(HOST_MEMORY_BENCH + ".hostCowFault");
        Double hostFile = scores.get(HOST_MEMORY_BENCH + ".hostFileFault");
        Double copy64k = scores.get(HOST_MEMORY_BENCH + ".copy64k");
        Double copy64m = scores.get(HOST_MEMORY_BENCH + ".copy64m");

        line("zero_fill_fault_ns", zeroFill, "%.1f", "ns");
        line("cow_fault_ns", cow, "%.1f", "ns");
        line("external_pager_fault_ns", pager, "%.1f", "ns");
        line("ool_64k_ns", ool64k, "%.1f", "ns");
        line("ool_64m_ns", ool64m, "%.1f", "ns");
        line("rpc_no_data_ns", noData, "%.1f", "ns");
        line("baseline_host_zero_fill_fault_ns", hostZeroFill, "%.1f", "ns");
        line("baseline_host_cow_fault_ns", hostCow, "%.1f", "ns");
        line("baseline_host_file_fault_ns", hostFile, "%.1f", "ns");
        line("baseline_copy_64k_ns", copy64k, "%.1f", "ns");
        line("baseline_copy_64m_ns", copy64m, "%.1f", "ns");
        ratio("ool_64m_over_64k", ool64m, ool64k);
        ratio("copy_64k_over_ool_64k", copy64k, ool64k);
        ratio("copy_64m_over_ool_64m", copy64m, ool64m);
        ratio("copy_64m_over_64k", copy64m, copy64k);
        ratio("zero_fill_over_host", zeroFill, hostZeroFill);
        ratio("cow_over_host", cow, hostCow);
        ratio("external_pager_over_host_file_fault", pager, hostFile);
    }

    /**
     * The default pager on two simulated processors and 4 MiB, paging to
     * the simulated disk: page-ins and page-outs per second (JMH), against
     * the host reading and writing pages of a cached file with the calls
     * the simulated disk makes; then the hot swap under load
     * ({@link PagerSwapRun}): the longest stall of a page access while the
     * serving implementation is replaced, against the longest with no swap,
     * and the pages lost (the goal is none).
     */
    private void pager() throws Exception {
        Map<String, Double> scores = jmh(warmups, "^\\Q" + PAGER_BENCH + ".\\E");
        scores.putAll(jmh(warmups, "^\\Q" + HOST_FILE_BENCH + ".\\E"));
        Double pagein = scores.get(PAGER_BENCH + ".pagein");
        Double pageout = scores.get(PAGER_BENCH + ".pageout");
        Double hostRead = scores.get(HOST_FILE_BENCH + ".hostPread");
        Double hostWrite = scores.get(HOST_FILE_BENCH + ".hostPwrite");
        double[] swap = PagerSwapRun.run(env("JMACH_BENCH_SWAPS", 10));

        line("pagein_per_s", pagein, "%.0f", "pages/s");
        line("pageout_per_s", pageout, "%.0f", "pages/s");
        line("swap_pause_max_ms", swap[0], "%.1f", "ms");
        line("pages_lost", swap[1], "%.0f", "pages");
        line("swaps", swap[3], "%.0f", "");
        line("swap_pause_cold_ms", swap[4], "%.1f", "ms");
        line("baseline_no_swap_access_max_ms", swap[2], "%.1f", "ms");
        line("baseline_host_pread_per_s", hostRead, "%.0f", "pages/s");
        line("baseline_host_pwrite_per_s", hostWrite, "%.0f", "pages/s");
        ratio("pagein_over_host_pread", pagein, hostRead);
        ratio("pageout_over_host_pwrite", pageout, hostWrite);
        ratio("swap_pause_over_no_swap", swap[0], swap[2]);
    }

    /**
     * The RISC-V interpreter on {@code userland/bin/rv64gc/bench}: MIPS (the
     * instructions the program says it retired, over the time of a whole
     * run on jmach: task, loading and exit included); and, where
     * qemu-riscv64 is installed, the same binary on qemu, timed at 4 and at
     * 40 repetitions so that qemu's start-up cancels out: how many times
     * faster qemu runs it.
     */
    private void cpu() throws Exception {
        Path program = top().resolve("userland/bin/rv64gc/bench");
        if (!Files.isRegularFile(program)) {
            failed = true;
            log.println("mach bench: no " + program + ": the userland programs are not here");
            return;
        }
        long instructions = CpuBench.instructions(program.toString());
        ChainedOptionsBuilder options = options(warmups).include("^\\Q" + CPU_BENCH + ".\\E")
                .param("program", program.toString());
        Double ns = scores(options).get(CPU_BENCH + ".run");
        Double mips = ns == null ? null : instructions * 1000.0 / ns;
        line("mips", mips, "%.1f", "MIPS");
        line("instructions_per_run", (double) instructions, "%.0f", "");
        line("run_ns", ns, "%.0f", "ns");
        double qemu = qemuNanosPerRun(program);
        if (Double.isNaN(qemu)) {
            log.println("mach bench: qemu-riscv64 is not installed: no qemu_over_jmach");
            return;
        }
        line("baseline_qemu_run_ns", qemu, "%.0f", "ns");
        line("baseline_qemu_mips", instructions * 1000.0 / qemu, "%.1f", "MIPS");
        ratio("qemu_over_jmach", ns, qemu);
    }

    /** The repository: the folder above the bench jar's {@code bench/target}. */
    private static Path top() throws Exception {
        Path jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent();
    }

    /**
     * Nanoseconds qemu-riscv64 takes for the repetitions one jmach run does:
     * the best of five at 40 repetitions less the best of five at 4, over 9.
     * NaN without qemu.
     */
    private double qemuNanosPerRun(Path program) throws InterruptedException {
        long four = Long.MAX_VALUE;
        long forty = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long a = timed(List.of("qemu-riscv64", program.toString(), CpuBench.REPS));
            long b = timed(List.of("qemu-riscv64", program.toString(), "40"));
            if (a < 0 || b < 0) {
                return Double.NaN;
            }
            four = Math.min(four, a);
            forty = Math.min(forty, b);
        }
        return Math.max(1, forty - four) / 9.0;
    }

    /** Wall time of a command in ns; -1 if it could not run or failed. */
    private static long timed(List<String> command) throws InterruptedException {
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            int status = p.waitFor();
            long t = System.nanoTime() - start;
            return status == 0 ? t : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs the benchmarks matching the patterns; primary scores by benchmark name. */
    private Map<String, Double> jmh(String... includes) throws RunnerException {
        return jmh(warmups, includes);
    }

    /** The same, with {@code warmupIterations} warm-up iterations. */
    private Map<String, Double> jmh(int warmupIterations, String... includes) throws RunnerException {
        ChainedOptionsBuilder options = options(warmupIterations);
        for (String include : includes) {
            options.include(include);
        }
        return scores(options);
    }

    /** This run's JMH options, with {@code warmupIterations} warm-up iterations. */
    private ChainedOptionsBuilder options(int warmupIterations) {
        return new OptionsBuilder()
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .shouldFailOnError(false)
                // Not the host's options (./mach may start it with anything).
                .jvmArgs("-Xms512m", "-Xmx512m");
    }

    /** Runs what {@code options} includes; primary scores by benchmark name. */
    private Map<String, Double> scores(ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> runs = new Runner(options.build(),
                OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult run : runs) {
            if (run.getPrimaryResult() != null && !Double.isNaN(run.getPrimaryResult().getScore())) {
                scores.put(run.getParams().getBenchmark(), run.getPrimaryResult().getScore());
            }
        }
        return scores;
    }

    /** {pinned, unpinned} ns per pipe round trip, each from its own pair of processes. */
    private double[] pipeBaseline() throws IOException, InterruptedException {
        return pinnedAndUnpinned("pipe", PipePingPong.class);
    }

    /**
     * {pinned, unpinned}: the figure that {@code main} prints, run in a
     * process of its own with this run's warm-up and measurement seconds,
     * once pinned to CPU 0 by taskset and once not (both the unpinned figure
     * when there is no taskset).
     */
    private double[] pinnedAndUnpinned(String what, Class<?> main) throws IOException, InterruptedException {
        String warm = Integer.toString(warmups * seconds);
        String measure = Integer.toString(iterations * seconds);
        List<String> plain = Java.command(main, warm, measure);
        double unpinned = childFigure(what, plain);
        double pinned;
        if (hasTaskset()) {
            List<String> command = new ArrayList<>(List.of("taskset", "-c", "0"));
            command.addAll(plain);
            pinned = childFigure(what, command);
        } else {
            log.println("mach bench: taskset not found; the pinned " + what + " baseline is the unpinned figure");
            pinned = unpinned;
        }
        return new double[] {pinned, unpinned};
    }

    /** Runs {@code command}, a baseline process, and returns the number it prints; NaN if it failed. */
    private double childFigure(String what, List<String> command) throws IOException, InterruptedException {
        log.println("# " + what + " baseline: " + command.stream()
                .map(s -> s.length() > 60 ? s.substring(0, 57) + "..." : s)
                .collect(Collectors.joining(" ")));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        String out;
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().collect(Collectors.joining("\n")).trim();
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            failed = true;
            log.println("mach bench: " + what + " baseline failed: " + command);
            return Double.NaN;
        }
        log.println("# " + what + " baseline: " + out + " ns");
        return Double.parseDouble(out);
    }

    private static boolean hasTaskset() {
        try {
            Process p = new ProcessBuilder("taskset", "-c", "0", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void line(String name, Double value, String format, String unit) {
        if (value == null || value.isNaN()) {
            failed = true;
            log.println("mach bench: no result for " + name);
            return;
        }
        results.println(name + " " + String.format(Locale.ROOT, format, value) + " " + unit);
    }

    private void ratio(String name, Double numerator, Double denominator) {
        if (numerator == null || denominator == null || numerator.isNaN() || denominator.isNaN()) {
            failed = true;
            log.println("mach bench: no result for " + name);
            return;
        }
        double r = numerator / denominator;
        String format = r >= 100 ? "%.0f" : r >= 10 ? "%.1f" : "%.2f";
        results.println(name + " " + String.format(Locale.ROOT, format, r));
    }

    private static int env(String name, int dflt) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 || (n == 0 && name.equals("JMACH_BENCH_WARMUPS"))) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        System.err.println("mach bench: " + name + "=" + value + " is not a count; using " + dflt);
        return dflt;
    }
}
