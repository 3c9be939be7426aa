package org.jmach.itests;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_WAIT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
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

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;

/**
 * The acceptance check "two CPU-bound RISC-V tasks and a native server
 * share 2 simulated processors by the scheduler's rules, visible in
 * {@code mach:threads}", in a container on the default machine (2
 * processors, 100 Hz); shell.bundle's {@code ThreadsCommandSchedulingTest}
 * makes the same check on a kernel of its own.
 *
 * <p>Two consoles run {@code mach:run --bare} of the committed compute
 * benchmark (the system property {@value #BENCH_PROPERTY} names it) with
 * repetitions enough for hours; a native task of the check serves RPCs
 * with {@link MachMsgServer} and its client calls, then pauses, in a loop.
 * {@code mach:threads} is sampled until it has shown both interpreted
 * threads, each of its own task, running or runnable with pcs that move,
 * both running at once, their usage high and their priority decayed by
 * timesharing well below their base, worse than the server's, which stays
 * at or near its base; the client got answers between any two samples.
 * Then the benchmarks' tasks are terminated, as {@code task_terminate}
 * would from any console. Waits are guards; the samples are printed.
 */
final class SchedulingChecks {

    static final String BENCH_PROPERTY = "jmach.userland.bench";
    private static final String REPETITIONS = "1000000";
    private static final long GUARD_MILLIS = 120_000;
    private static final long SPACING_MILLIS = 250;
    /** Levels below its base a CPU-bound thread must reach (it settles some 20 below). */
    private static final int DECAYED_LEVELS = 8;
    /** The usage a CPU-bound thread must reach, in tenths of a percent of a processor. */
    private static final int BUSY_USAGE = 500;
    /** The most the mostly waiting server may be above its base. */
    private static final int WAITING_LEVELS = 3;
    /** The client's pause: not a whole number of 10 ms ticks, so that its calls do not keep step with the clock. */
    private static final int PAUSE_MILLIS = 17;

    private SchedulingChecks() {
    }

    static void cpuBoundRiscvTasksAndANativeServerShareTwoProcessors(MachNativeTasks tasks, HostChecks.Console console)
            throws Exception {
        String bench = System.getProperty(BENCH_PROPERTY);
        assertNotNull("system property " + BENCH_PROPERTY + " names the benchmark", bench);
        assertTrue(bench + " is there", new File(bench).isFile());
        assertEquals("the default machine: 2 processors", "2",
                HostChecks.figures(HostChecks.eventually(console, "mach:host")).get("avail_cpus"));
        Echo echo = Echo.start(tasks);
        List<Thread> consoles = new ArrayList<>();
        List<Throwable> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> benchTasks = new HashSet<>();
        try {
            for (int i = 0; i < 2; i++) {
                Thread run = new Thread(() -> {
                    try {
                        console.run("mach:run --bare \"" + bench + "\" " + REPETITIONS);
                    } catch (Throwable t) {
                        ends.add(t);
                    }
                }, "itest mach:run bench " + i);
                run.start();
                consoles.add(run);
            }
            long deadline = System.currentTimeMillis() + GUARD_MILLIS;
            Table threads;
            while (true) {
                for (Thread run : consoles) {
                    assertTrue("mach:run ended: " + ends, run.isAlive());
                }
                threads = Table.parse(console.run("mach:threads"));
                Set<String> running = new HashSet<>();
                for (Map<String, String> row : threads.interpreted()) {
                    if (row.get("STATE").equals("running") || row.get("STATE").equals("runnable")) {
                        running.add(row.get("TASK"));
                    }
                }
                if (running.size() == 2) {
                    break;
                }
                assertTrue("both benchmarks run within " + GUARD_MILLIS + " ms", System.currentTimeMillis() < deadline);
                Thread.sleep(10);
            }
            String taskTable = console.run("mach:tasks");
            System.out.println("mach:tasks\n" + taskTable);
            benchTasks.addAll(benchTasks(taskTable));
            assertEquals("the benchmarks' tasks:\n" + taskTable, 2, benchTasks.size());

            List<Table> samples = new ArrayList<>();
            Map<String, Set<String>> pcs = new LinkedHashMap<>();
            boolean bothRunning = false;
            while (true) {
                String text = console.run("mach:threads");
                System.out.println("mach:threads (sample " + (samples.size() + 1) + ", the client has had "
                        + echo.answers.get() + " answers)\n" + text);
                Table t = Table.parse(text);
                samples.add(t);
                List<Map<String, String>> interpreted = t.interpreted();
                assertEquals("two interpreted threads:\n" + text, 2, interpreted.size());
                Set<String> cpus = new HashSet<>();
                Set<String> ofTasks = new HashSet<>();
                for (Map<String, String> hog : interpreted) {
                    String state = hog.get("STATE");
                    assertTrue("a benchmark's thread:\n" + text, benchTasks.contains(hog.get("TASK")));
                    assertTrue("a CPU-bound thread is running or runnable:\n" + text,
                            state.equals("running") || state.equals("runnable"));
                    assertEquals(text, "timeshare", hog.get("POLICY"));
                    assertTrue(text, hog.get("PC").matches("0x[0-9a-f]+"));
                    pcs.computeIfAbsent(hog.get("TASK"), k -> new HashSet<>()).add(hog.get("PC"));
                    ofTasks.add(hog.get("TASK"));
                    if (state.equals("running")) {
                        cpus.add(hog.get("CPU#"));
                    }
                }
                assertEquals("each benchmark is a task of its own:\n" + text, 2, ofTasks.size());
                bothRunning |= cpus.size() == 2;
                assertNotNull("the server is listed:\n" + text, t.thread(echo.task, "server"));
                if (samples.size() >= 3 && bothRunning && pcs.values().stream().allMatch(seen -> seen.size() >= 2)
                        && showsDecay(t, echo.task)) {
                    break;
                }
                assertTrue("mach:threads did not show the scheduler's rules in " + samples.size() + " samples",
                        samples.size() < GUARD_MILLIS / SPACING_MILLIS);
                Thread.sleep(SPACING_MILLIS);
                long answered = echo.answers.get();
                long until = System.currentTimeMillis() + GUARD_MILLIS;
                while (echo.answers.get() <= answered) {
                    assertTrue("the server answers its client between two samples", System.currentTimeMillis() < until);
                    Thread.sleep(10);
                }
            }
            Table first = samples.get(0);
            Table last = samples.get(samples.size() - 1);
            long server = cpuMicros(last.thread(echo.task, "server")) - cpuMicros(first.thread(echo.task, "server"));
            for (String task : benchTasks) {
                long hog = cpuMicros(last.interpretedOf(task)) - cpuMicros(first.interpretedOf(task));
                assertTrue("task " + task + "'s thread was charged CPU time", hog > 0);
                assertTrue("the server was charged " + server + " us, task " + task + "'s thread " + hog + " us",
                        server * 4 < hog);
            }
            assertNull("the client's RPCs all succeed", echo.error.get());
        } finally {
            if (benchTasks.isEmpty()) {
                benchTasks.addAll(benchTasks(console.run("mach:tasks")));
            }
            for (String id : benchTasks) {
                tasks.taskTerminate(Integer.parseInt(id));
            }
            for (Thread run : consoles) {
                run.join(GUARD_MILLIS);
            }
            echo.stop();
        }
        for (Thread run : consoles) {
            assertTrue("mach:run returned once its program's task was terminated", !run.isAlive());
        }
        assertTrue("the benchmarks' tasks are gone", !console.run("mach:tasks").contains("bare bench #"));
    }

    /** The ids of the tasks mach:tasks names as the bare personality's benchmark programs. */
    private static Set<String> benchTasks(String taskTable) {
        Set<String> ids = new HashSet<>();
        for (Map<String, String> row : Table.parse(taskTable).rows) {
            if (row.get("NAME").startsWith("bare bench #")) {
                ids.add(row.get("ID"));
            }
        }
        return ids;
    }

    /**
     * In this sample each CPU-bound thread's usage is high and its priority
     * has decayed, worse than the server's, which is at or near its base.
     */
    private static boolean showsDecay(Table t, int echoTask) {
        Map<String, String> server = t.thread(echoTask, "server");
        int serverCur = Integer.parseInt(server.get("CUR"));
        if (serverCur > Integer.parseInt(server.get("BASE")) + WAITING_LEVELS) {
            return false;
        }
        for (Map<String, String> hog : t.interpreted()) {
            int cur = Integer.parseInt(hog.get("CUR"));
            String usage = hog.get("USAGE");
            assertTrue(usage, usage.matches("\\d+\\.\\d%"));
            int tenths = Integer.parseInt(usage.substring(0, usage.length() - 1).replace(".", ""));
            if (cur < Integer.parseInt(hog.get("BASE")) + DECAYED_LEVELS || tenths < BUSY_USAGE || cur <= serverCur) {
                return false;
            }
        }
        return true;
    }

    /** CPU, shown in milliseconds with one decimal, in microseconds. */
    private static long cpuMicros(Map<String, String> row) {
        String text = row.get("CPU");
        assertTrue(text, text.matches("\\d+\\.\\dms"));
        return Long.parseLong(text.substring(0, text.length() - 2).replace(".", "")) * 100;
    }

    /** A table the console printed: columns at least two spaces apart, no cell with two spaces running. */
    private static final class Table {

        final List<Map<String, String>> rows = new ArrayList<>();

        static Table parse(String text) {
            String[] lines = text.split("\\R");
            String[] header = lines[0].strip().split(" {2,}");
            Table t = new Table();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].strip().split(" {2,}");
                assertEquals("a cell per column:\n" + text, header.length, cells.length);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], cells[c]);
                }
                t.rows.add(row);
            }
            return t;
        }

        List<Map<String, String>> interpreted() {
            List<Map<String, String>> out = new ArrayList<>();
            for (Map<String, String> row : rows) {
                if (!row.get("PC").equals("-")) {
                    out.add(row);
                }
            }
            return out;
        }

        Map<String, String> interpretedOf(String task) {
            for (Map<String, String> row : interpreted()) {
                if (row.get("TASK").equals(task)) {
                    return row;
                }
            }
            throw new AssertionError("no interpreted thread of task " + task);
        }

        Map<String, String> thread(int task, String name) {
            for (Map<String, String> row : rows) {
                if (row.get("TASK").equals(Integer.toString(task)) && row.get("NAME").equals(name)) {
                    return row;
                }
            }
            return null;
        }
    }

    /** A native task: "server" doubles numbers from MachMsgServer's loop, "client" calls it and pauses. */
    private static final class Echo {

        private static final int REQUEST = 700;
        private static final int MAX = 128;

        final int task;
        final AtomicLong answers = new AtomicLong();
        final AtomicReference<String> error = new AtomicReference<>();
        private final MachNativeTasks tasks;
        private final CompletableFuture<Void> clientEnded = new CompletableFuture<>();
        private volatile boolean stop;

        private Echo(MachNativeTasks tasks) {
            this.tasks = tasks;
            this.task = tasks.taskCreate("itest-sched-echo");
        }

        static Echo start(MachNativeTasks tasks) throws Exception {
            Echo echo = new Echo(tasks);
            int port = IpcChecks.startDoublingServer(tasks, echo.task);
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

        /** Stops the client, waits (a guard) for it to end, and terminates the task. */
        void stop() throws Exception {
            stop = true;
            try {
                clientEnded.get(GUARD_MILLIS, TimeUnit.MILLISECONDS);
            } finally {
                tasks.taskTerminate(task);
            }
        }
    }
}
