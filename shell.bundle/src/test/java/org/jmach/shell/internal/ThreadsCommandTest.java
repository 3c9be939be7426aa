package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.failing;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.MachDebug.ThreadSummary;
import org.jmach.mach.MachDebug;
import org.jmach.mach.Policy;
import org.jmach.shell.internal.ConsoleText.Failed;
import org.junit.jupiter.api.Test;

class ThreadsCommandTest {

    private static final String TIMESHARE = Policy.name(Policy.POLICY_TIMESHARE);
    private static final String FIXED = Policy.name(Policy.POLICY_FIXEDPRI);

    /** The kernel task with two threads, task 5 (bsd) with one, task 6 (idle) with none. */
    private static final MachDebug KERNEL = new FakeDebug(
            List.of(new TaskSummary(0, "kernel", 2, 3, 0, "active"),
                    new TaskSummary(5, "bsd", 1, 4, 1, "suspended"),
                    new TaskSummary(6, "idle", 0, 0, 0, "active")),
            Map.of(),
            List.of(new ThreadSummary(0, 1, "pageout", "waiting", 16, 16, 0, FIXED, 1_234, 100, "default", -1,
                            "mach_msg receive", 0, ThreadSummary.NATIVE, 0),
                    new ThreadSummary(0, 2, "reaper", "running", 16, 18, 0, TIMESHARE, 0, 0, "default", 1, "", 0,
                            ThreadSummary.NATIVE, 37),
                    new ThreadSummary(5, 1, "", "stopped", 64, 84, 0, TIMESHARE, 12_000_000, 345_678, "default", -1,
                            "", 2, 0x10074, 1000)),
            List.of(), List.of());

    @Test
    void printsEveryThreadWithoutATask() {
        assertEquals(lines(
                "TASK  ID  NAME     STATE    BASE  CUR  POLICY           CPU   USAGE  PSET     CPU#  WAITS             SUSPEND  PC",
                "   0   1  pageout  waiting    16   16  fixed          1.3ms    0.0%  default     -  mach_msg receive        0  -",
                "   0   2  reaper   running    16   18  timeshare      0.0ms    3.7%  default     1  -                       0  -",
                "   5   1  -        stopped    64   84  timeshare  12345.7ms  100.0%  default     -  -                       2  0x10074"),
                run(null));
    }

    @Test
    void aTaskByIdOrNameShowsOnlyItsThreads() {
        String byId = run("5");
        assertEquals(2, byId.split("\\R").length, byId);
        assertTrue(byId.contains("stopped"), byId);
        assertEquals(byId, run("bsd"));
    }

    @Test
    void aTaskWithoutThreadsPrintsTheHeaderOnly() {
        assertEquals(lines("TASK  ID  NAME  STATE  BASE  CUR  POLICY  CPU  USAGE  PSET  CPU#  WAITS  SUSPEND  PC"), run("6"));
    }

    @Test
    void anUnknownTaskFailsAndPrintsNothing() {
        Failed<IllegalArgumentException> failed = failing(IllegalArgumentException.class,
                out -> new ThreadsCommand(KERNEL).print("99", out));
        assertEquals("no task 99 (mach:tasks lists the tasks)", failed.error().getMessage());
        assertEquals("", failed.printed());
    }

    @Test
    void anEmptyTaskArgumentFailsWithTheUsage() {
        assertEquals(ThreadsCommand.USAGE,
                assertThrows(IllegalArgumentException.class, () -> run(" ")).getMessage());
    }

    @Test
    void policiesHaveShortNames() {
        assertEquals("timeshare", ThreadsCommand.policy(TIMESHARE));
        assertEquals("fixed", ThreadsCommand.policy(FIXED));
        assertEquals("7", ThreadsCommand.policy("7"));
        assertEquals("other", ThreadsCommand.policy("POLICY_OTHER"));
    }

    @Test
    void cpuTimeIsInMillisecondsWithOneDecimalRounded() {
        assertEquals("0.0ms", ThreadsCommand.cpuTime(0));
        assertEquals("0.1ms", ThreadsCommand.cpuTime(50));
        assertEquals("1.0ms", ThreadsCommand.cpuTime(999));
        assertEquals("2500.0ms", ThreadsCommand.cpuTime(2_500_000));
    }

    @Test
    void cpuUsageIsAPercentageOfOneProcessorWithOneDecimal() {
        assertEquals("0.0%", ThreadsCommand.usage(0));
        assertEquals("0.1%", ThreadsCommand.usage(1));
        assertEquals("62.5%", ThreadsCommand.usage(625));
        assertEquals("100.0%", ThreadsCommand.usage(1000));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(out -> new ThreadsCommand(null).print(null, out));
    }

    private static String run(String task) {
        return printed(out -> new ThreadsCommand(KERNEL).print(task, out));
    }
}
