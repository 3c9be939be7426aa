package org.jmach.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.TaskSummary;
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
        TasksCommand command = new TasksCommand(null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> command.print(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().startsWith("no kernel is booted"), error.getMessage());
        assertEquals(0, bytes.size());
    }

    static String lines(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String run(MachDebug debug) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TasksCommand(debug).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
