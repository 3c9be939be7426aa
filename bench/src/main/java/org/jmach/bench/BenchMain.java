package org.jmach.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * {@code ./mach bench NAME}: runs one benchmark set with JMH and its baselines
 * in the same run, and prints only result lines {@code name value [unit]} on
 * stdout, ratios last. JMH's progress goes to stderr.
 *
 * <p>Environment: {@code JMACH_BENCH_FORKS} (1), {@code JMACH_BENCH_WARMUPS}
 * (3), {@code JMACH_BENCH_ITERATIONS} (5), {@code JMACH_BENCH_SECONDS} (1, per
 * iteration). The pipe baseline warms up and measures for as long as one JMH
 * fork does.
 *
 * <p>Exit status: 0; 1 if a benchmark failed (its lines and the ratios that
 * need it are missing); 2 for an unknown benchmark name.
 */
public final class BenchMain {

    /** The benchmark sets {@code ./mach bench} knows. */
    static final Set<String> KNOWN = new TreeSet<>(List.of("ipc"));

    /** The kernel's IPC benchmarks, named here so that this class does not need the kernel. */
    private static final String IPC_BENCH = "org.jmach.bench.IpcBench";

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

    /** Runs the benchmarks matching the patterns; primary scores by benchmark name. */
    private Map<String, Double> jmh(String... includes) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .shouldFailOnError(false)
                // Not the host's options (./mach may start it with anything).
                .jvmArgs("-Xms512m", "-Xmx512m");
        for (String include : includes) {
            options.include(include);
        }
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
        String warm = Integer.toString(warmups * seconds);
        String measure = Integer.toString(iterations * seconds);
        List<String> plain = Java.command(PipePingPong.class, warm, measure);
        double unpinned = pipePingPong(plain);
        double pinned;
        if (hasTaskset()) {
            List<String> command = new ArrayList<>(List.of("taskset", "-c", "0"));
            command.addAll(plain);
            pinned = pipePingPong(command);
        } else {
            log.println("mach bench: taskset not found; baseline_pipe_pingpong_ns is the unpinned figure");
            pinned = unpinned;
        }
        return new double[] {pinned, unpinned};
    }

    private double pipePingPong(List<String> command) throws IOException, InterruptedException {
        log.println("# pipe baseline: " + command.stream()
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
            log.println("mach bench: pipe baseline failed: " + command);
            return Double.NaN;
        }
        log.println("# pipe baseline: " + out + " ns per round trip");
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
