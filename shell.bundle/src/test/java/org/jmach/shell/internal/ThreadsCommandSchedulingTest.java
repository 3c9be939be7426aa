package org.jmach.shell.internal;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_WAIT;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check "two CPU-bound RISC-V tasks and a native server
 * share 2 simulated processors by the scheduler's rules, visible in
 * {@code mach:threads}", on a real kernel of two processors at 100 Hz
 * ({@link BootedKernel}).
 *
 * <p>Two {@code mach:run --bare} commands run the committed compute
 * benchmark ({@code userland/bin/rv64gc/bench}, CRC-32, matrices and a
 * sieve, with repetitions enough for hours): two tasks, one interpreted
 * thread each, that never block. A native task serves RPCs with
 * {@link MachMsgServer} (a thread blocked with a continuation) and a native
 * client thread of it calls the server, then waits 10 ms, in a loop. All
 * four threads have the base priority of user tasks. {@code mach:threads}
 * is then run until it has shown, sample after sample, what
 * docs/sched.md's rules make of that: both interpreted threads running or
 * runnable, their pcs moving, both running at once on the two processors,
 * their usage high and their scheduled priority worsened by timesharing
 * well below their base, while the server, which mostly waits, stays at or
 * near its base and is charged far less CPU time; its client kept getting answers between any two samples (it gets a
 * processor from the CPU-bound threads at a quantum's end while they are at
 * its priority, and by preemption once they have decayed below it).
 *
 * <p>Every wait is a guard with a generous bound, never a measurement; the
 * samples are printed for the build log.
 */
class ThreadsCommandSchedulingTest {

    private static final Path BENCH = Path.of("..", "userland", "bin", "rv64gc", "bench");
    /** The benchmark's repetitions: hours of work (some 7 M instructions each); the test ends it. */
    private static final String REPETITIONS = "1000000";
    /** The bound of every wait: a guard against a hang, not a measurement. */
    private static final long GUARD_MILLIS = 120_000;
    /** Time between samples, so that the pcs and the counts can move. */
    private static final long SPACING_MILLIS = 250;
    /**
     * Levels below its base a CPU-bound thread must have decayed to: one
     * kept busy settles some 20 below (usage 5/3 hz, 12 levels a hz); 8
     * is a usage of 2/3 hz, passed about a second after it starts.
     */
    private static final int DECAYED_LEVELS = 8;
    /** The usage of a CPU-bound thread must reach this, in tenths of a percent of a processor (50%). */
    private static final int BUSY_USAGE = 500;
    /**
     * The most the server's scheduled priority may be above its base: it
     * waits nearly all the time, so only a few ticks land on it (each adds
     * twelve hundredths of a level, and usage decays by 5/8 a second).
     */
    private static final int WAITING_LEVELS = 3;

    @Test
    void twoCpuBoundRiscvTasksAndANativeServerShareTwoProcessorsByTheSchedulersRules() throws Exception {
        assumeTrue(Files.isRegularFile(BENCH), "no " + BENCH + " next to the module: the check is not run");
        try (BootedKernel kernel = new BootedKernel(2)) {
            ThreadsCommand threads = new ThreadsCommand(kernel.debug());
            TasksCommand tasks = new TasksCommand(kernel.debug());
            List<BareRun> runs = new ArrayList<>();
            try (EchoService echo = EchoService.start(kernel.tasks())) {
                runs.add(BareRun.start(kernel.tasks(), BENCH, REPETITIONS));
                runs.add(BareRun.start(kernel.tasks(), BENCH, REPETITIONS));
                // Until then a runner is still loading its program, or its thread is still suspended (stopped).
                await("both benchmarks run, each an interpreted thread of a task of its own", () -> {
                    Set<String> tasksOf = new HashSet<>();
                    ThreadsTable.parse(printed(out -> threads.print(null, out))).interpreted().stream()
                            .filter(row -> row.get("STATE").equals("running") || row.get("STATE").equals("runnable"))
                            .forEach(row -> tasksOf.add(row.get("TASK")));
                    return tasksOf.size() == 2;
                }, runs);
                Set<String> benchTasks = new HashSet<>();
                String taskTable = printed(tasks::print);
                for (ThreadsTable.Row row : ThreadsTable.parse(taskTable).rows()) {
                    if (row.get("NAME").startsWith("bare bench #")) {
                        benchTasks.add(row.get("ID"));
                    }
                }
                System.out.println("mach:tasks\n" + taskTable);
                assertEquals(2, benchTasks.size(), "mach:tasks lists the two benchmarks' tasks:\n" + taskTable);

                Sampler sampler = new Sampler(threads, echo, benchTasks);
                while (!sampler.showsTheRules()) {
                    assertTrue(sampler.samples.size() < GUARD_MILLIS / SPACING_MILLIS,
                            "mach:threads did not show the scheduler's rules at work in "
                                    + sampler.samples.size() + " samples");
                    java.lang.Thread.sleep(SPACING_MILLIS);
                    long answered = echo.answers.get();
                    await("the server answers its client between two samples",
                            () -> echo.answers.get() > answered, runs);
                    sampler.sample();
                }
                sampler.assertCpuTimeGrewMostlyForTheCpuBound();
                assertNull(echo.error.get(), "the client's RPCs all succeed");
            } finally {
                for (BareRun run : runs) {
                    run.stop();
                }
            }
            for (BareRun run : runs) {
                run.assertEndedByTheInterrupt();
            }
            await("the benchmarks' tasks are gone", () -> !printed(tasks::print).contains("bare bench #"), List.of());
        }
    }

    /** Runs mach:threads, prints each sample, and checks what every sample must show. */
    private static final class Sampler {

        private final ThreadsCommand threads;
        private final EchoService echo;
        private final Set<String> benchTasks;
        final List<ThreadsTable> samples = new ArrayList<>();
        private final Map<String, Set<String>> pcs = new LinkedHashMap<>();
        private boolean sawBothRunning;

        Sampler(ThreadsCommand threads, EchoService echo, Set<String> benchTasks) {
            this.threads = threads;
            this.echo = echo;
            this.benchTasks = benchTasks;
            sample();
        }

        void sample() {
            long answers = echo.answers.get();
            String text = printed(out -> threads.print(null, out));
            System.out.println("mach:threads (sample " + (samples.size() + 1) + ", the client has had " + answers
                    + " answers)\n" + text);
            ThreadsTable table = ThreadsTable.parse(text);
            samples.add(table);
            List<ThreadsTable.Row> interpreted = table.interpreted();
            assertEquals(2, interpreted.size(), "two interpreted threads:\n" + text);
            Set<String> cpus = new HashSet<>();
            for (ThreadsTable.Row hog : interpreted) {
                assertTrue(benchTasks.contains(hog.get("TASK")), "an interpreted thread of a benchmark's task:\n"
                        + text);
                String state = hog.get("STATE");
                assertTrue(state.equals("running") || state.equals("runnable"),
                        "a CPU-bound thread is running or runnable, never waiting:\n" + text);
                assertEquals("timeshare", hog.get("POLICY"), text);
                assertTrue(hog.get("PC").matches("0x[0-9a-f]+"), text);
                pcs.computeIfAbsent(hog.get("TASK"), t -> new HashSet<>()).add(hog.get("PC"));
                if (state.equals("running")) {
                    cpus.add(hog.get("CPU#"));
                }
            }
            assertTrue(!interpreted.get(0).get("TASK").equals(interpreted.get(1).get("TASK")),
                    "each benchmark is a task of its own:\n" + text);
            sawBothRunning |= cpus.size() == 2;
            ThreadsTable.Row server = table.thread(echo.task, "server");
            assertNotNull(server, "the server is listed:\n" + text);
            assertEquals("timeshare", server.get("POLICY"), text);
            assertNotNull(table.thread(echo.task, "client"), "the client is listed:\n" + text);
        }

        /**
         * Whether the samples have shown everything: the two pcs moved, both
         * CPU-bound threads ran at once on the two processors, and in the
         * last sample their usage is high and their priority has decayed,
         * worse than the server's, which is at or near its base. (The
         * server may start above it: its first calls run cold code, on a
         * loaded host slowly, and are charged ticks; that usage decays.)
         */
        boolean showsTheRules() {
            if (samples.size() < 3 || !sawBothRunning || pcs.values().stream().anyMatch(seen -> seen.size() < 2)) {
                return false;
            }
            ThreadsTable last = samples.get(samples.size() - 1);
            ThreadsTable.Row serverRow = last.thread(echo.task, "server");
            int server = serverRow.integer("CUR");
            if (server > serverRow.integer("BASE") + WAITING_LEVELS) {
                return false;
            }
            for (ThreadsTable.Row hog : last.interpreted()) {
                int cur = hog.integer("CUR");
                if (cur < hog.integer("BASE") + DECAYED_LEVELS || hog.usage() < BUSY_USAGE || cur <= server) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Between the first and the last sample, each CPU-bound thread was
         * charged CPU time, and the server, which mostly waits, less than a
         * quarter of what either was.
         */
        void assertCpuTimeGrewMostlyForTheCpuBound() {
            ThreadsTable first = samples.get(0);
            ThreadsTable last = samples.get(samples.size() - 1);
            long server = last.thread(echo.task, "server").cpuMicros() - first.thread(echo.task, "server").cpuMicros();
            for (String task : benchTasks) {
                long hog = last.interpretedOf(task).cpuMicros() - first.interpretedOf(task).cpuMicros();
                assertTrue(hog > 0, "task " + task + "'s thread was charged CPU time between the first and the last"
                        + " sample");
                assertTrue(server * 4 < hog, "the server was charged " + server + " us between the first and the last"
                        + " sample, task " + task + "'s thread " + hog + " us");
            }
        }
    }

    /** What mach:threads (or mach:tasks) printed, as rows of named cells. */
    record ThreadsTable(List<Row> rows) {

        /** One line: its cells by column name. */
        record Row(Map<String, String> cells) {

            String get(String column) {
                String value = cells.get(column);
                assertNotNull(value, "no column " + column + " in " + cells);
                return value;
            }

            int integer(String column) {
                return Integer.parseInt(get(column));
            }

            /** USAGE in tenths of a percent (thread_info's cpu_usage). */
            int usage() {
                String text = get("USAGE");
                assertTrue(text.matches("\\d+\\.\\d%"), text);
                return Integer.parseInt(text.substring(0, text.length() - 1).replace(".", ""));
            }

            /** CPU in microseconds, to the tenth of a millisecond shown. */
            long cpuMicros() {
                String text = get("CPU");
                assertTrue(text.matches("\\d+\\.\\dms"), text);
                return Long.parseLong(text.substring(0, text.length() - 2).replace(".", "")) * 100;
            }
        }

        /** Columns are at least two spaces apart, and no cell holds two spaces running. */
        static ThreadsTable parse(String text) {
            String[] lines = text.split("\\R");
            String[] header = lines[0].strip().split(" {2,}");
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].strip().split(" {2,}");
                assertEquals(header.length, cells.length, "a cell per column:\n" + text);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], cells[c]);
                }
                rows.add(new Row(row));
            }
            return new ThreadsTable(rows);
        }

        /** The rows of interpreted threads: those with a pc. */
        List<Row> interpreted() {
            return rows.stream().filter(r -> !r.get("PC").equals("-")).toList();
        }

        Row interpretedOf(String task) {
            return interpreted().stream().filter(r -> r.get("TASK").equals(task)).findFirst()
                    .orElseThrow(() -> new AssertionError("no interpreted thread of task " + task));
        }

        /** Thread {@code name} of task {@code task}, or null. */
        Row thread(int task, String name) {
            return rows.stream().filter(r -> r.get("TASK").equals(Integer.toString(task)) && r.get("NAME").equals(name))
                    .findFirst().orElse(null);
        }
    }

    /**
     * A native task serving RPCs: "server" answers a number with its double
     * from {@link MachMsgServer#machMsgServerContinue}; "client" calls it,
     * checks the answer and counts it, then waits 10 ms (thread_switch with
     * SWITCH_OPTION_WAIT: no processor held), until told to stop.
     */
    private static final class EchoService implements AutoCloseable {

        private static final int REQUEST = 700;
        private static final int MAX = 128;
        /**
         * The client's pause between calls. Time is sampled at each tick
         * (docs/sched.md): a pause of a whole number of ticks (10 ms) would
         * keep the calls in step with the clock and have them charged ticks
         * far beyond what they use.
         */
        private static final int PAUSE_MILLIS = 17;

        final int task;
        final AtomicLong answers = new AtomicLong();
        final AtomicReference<String> error = new AtomicReference<>();
        private final MachNativeTasks tasks;
        private final CompletableFuture<Void> clientEnded = new CompletableFuture<>();
        private volatile boolean stop;

        private EchoService(MachNativeTasks tasks) {
            this.tasks = tasks;
            this.task = tasks.taskCreate("echo");
        }

        static EchoService start(MachNativeTasks tasks) throws Exception {
            EchoService echo = new EchoService(tasks);
            CompletableFuture<Integer> service = new CompletableFuture<>();
            assertEquals(KERN_SUCCESS, tasks.threadCreate(echo.task, "server", t -> {
                int[] name = new int[1];
                t.machPort().machPortAllocate(t.machTaskSelf(), MACH_PORT_RIGHT_RECEIVE, name);
                service.complete(name[0]);
                MachMsgServer.machMsgServerContinue(t, (request, reply) -> {
                    MachMsgItems items = request.items();
                    items.next();
                    reply.putInteger32(items.integer32(0) * 2).endBody();
                    return true;
                }, MAX, name[0]);
            }));
            int port = service.get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            assertEquals(KERN_SUCCESS, tasks.threadCreate(echo.task, "client", t -> {
                try {
                    echo.call(t, port);
                } finally {
                    echo.clientEnded.complete(null);
                }
            }));
            return echo;
        }

        private void call(MachTraps t, int port) {
            int reply = t.machReplyPort();
            MachMessage m = new MachMessage(MAX);
            for (int i = 0; !stop; i++) {
                m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), port, reply, REQUEST);
                int size = m.putInteger32(i).endBody();
                int mr = t.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, MAX, reply, 0, 0);
                if (mr != MACH_MSG_SUCCESS || m.msghId() != REQUEST + 100) {
                    error.set("RPC " + i + ": mach_msg 0x" + Integer.toHexString(mr) + ", reply id " + m.msghId());
                    return;
                }
                MachMsgItems items = m.items();
                items.next();
                if (items.integer32(0) != 2 * i) {
                    error.set("RPC " + i + " answered " + items.integer32(0));
                    return;
                }
                answers.incrementAndGet();
                t.threadSwitch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, PAUSE_MILLIS);
            }
        }

        /** Stops the client, waits for it to end, and terminates the task. */
        @Override
        public void close() throws Exception {
            stop = true;
            try {
                clientEnded.get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            } finally {
                assertEquals(KERN_SUCCESS, tasks.taskTerminate(task));
            }
        }
    }

    /** {@code mach:run --bare PATH ARGS} on a console thread of its own; interrupting it ends the program. */
    private static final class BareRun {

        private final java.lang.Thread console;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private BareRun(MachNativeTasks tasks, Path program, String args) {
            RunCommand command = new RunCommand(tasks);
            PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
            console = new java.lang.Thread(() -> {
                try {
                    command.run(List.of("--bare", program.toString(), args), out);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "mach:run " + program);
        }

        static BareRun start(MachNativeTasks tasks, Path program, String args) {
            BareRun run = new BareRun(tasks, program, args);
            run.console.start();
            return run;
        }

        /** Fails if the command ended, by itself, before it was stopped. */
        void assertRunning() {
            assertTrue(console.isAlive(), () -> "mach:run ended: " + failure.get() + "; it printed: " + output());
        }

        /** Interrupts the command, which terminates the program, and waits (a guard) for it to return. */
        void stop() throws InterruptedException {
            console.interrupt();
            console.join(GUARD_MILLIS);
        }

        /** The command returned, saying the program was interrupted, and the program printed nothing. */
        void assertEndedByTheInterrupt() {
            assertTrue(!console.isAlive(), "mach:run returned once interrupted");
            Throwable end = failure.get();
            assertTrue(end instanceof IllegalStateException && end.getMessage().startsWith("interrupted while"),
                    () -> "mach:run says it was interrupted: " + end);
            assertEquals("", output(), "the benchmark printed nothing: it was ended before it finished");
        }

        String output() {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until {@code condition} holds, while the benchmarks still run; a guard of {@link #GUARD_MILLIS}. */
    private static void await(String what, BooleanSupplier condition, List<BareRun> runs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GUARD_MILLIS);
        while (!condition.getAsBoolean()) {
            for (BareRun run : runs) {
                run.assertRunning();
            }
            if (System.nanoTime() - deadline > 0) {
                fail(what + " (not within " + GUARD_MILLIS + " ms)");
            }
            java.lang.Thread.sleep(10);
        }
    }
}
