package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.MachDebug;
import org.junit.jupiter.api.Test;

class TasksCommandTest {

    @Test
    void printsAHeaderThenOneAlignedLinePerTask() {
        String output = run(new FakeDebug(List.of(
                new TaskSummary(0, "kernel", 2, 5, 0, "active"),
                new TaskSummary(1, "default-pager", 1, 12, 0, "active"),
                new TaskSummary(12, "bsd", 17, 143, 2, "suspended")), Map.of()));
        assertEquals(lines(
                "ID  NAME           STATE      SUSPEND  THREADS  NAMES",
                " 0  kernel         active           0        2      5",
                " 1  default-pager  active           0        1     12",
                "12  bsd            suspended        2       17    143"), output);
    }

    @Test
    void aTaskWithoutANameOrStateShowsDashes() {
        String output = run(new FakeDebug(List.of(new TaskSummary(3, null, 0, 0, 0, "")), Map.of()));
        assertEquals(lines("ID  NAME  STATE  SUSPEND  THREADS  NAMES", " 3  -     -            0        0      0"),
                output);
    }

    @Test
    void noTasksPrintsTheHeaderOnly() {
        assertEquals(lines("ID  NAME  STATE  SUSPEND  THREADS  NAMES"), run(new FakeDebug(List.of(), Map.of())));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(new TasksCommand(null)::print);
    }

    private static String run(MachDebug debug) {
        return printed(new TasksCommand(debug)::print);
    }
}
