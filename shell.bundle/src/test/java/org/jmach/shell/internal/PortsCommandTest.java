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

import org.jmach.mach.MachDebug.PortName;
import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.MachDebug;
import org.jmach.mach.Port;
import org.jmach.shell.internal.ConsoleText.Failed;
import org.junit.jupiter.api.Test;

class PortsCommandTest {

    /** Two tasks named bsd (4 and 7); a task 9 named "4", which id 4 shadows. */
    private static final MachDebug KERNEL = new FakeDebug(
            List.of(new TaskSummary(0, "kernel", 2, 3, 0, "active"),
                    new TaskSummary(4, "bsd", 1, 1, 0, "active"),
                    new TaskSummary(7, "bsd", 1, 1, 0, "active"),
                    new TaskSummary(9, "4", 1, 0, 0, "active"),
                    new TaskSummary(10, "42", 1, 1, 0, "active")),
            Map.of(0, List.of(
                            new PortName(0x103, Port.MACH_PORT_TYPE_SEND_RECEIVE, 1, 0, 8, 0),
                            new PortName(0x207, Port.MACH_PORT_TYPE_SEND, 12, -1, -1, -1),
                            new PortName(0x1a01, Port.MACH_PORT_TYPE_RECEIVE, 0, 1024, 1024, 70000)),
                    4, List.of(new PortName(0x101, Port.MACH_PORT_TYPE_DEAD_NAME, 1, -1, -1, -1)),
                    7, List.of(new PortName(0x101, Port.MACH_PORT_TYPE_SEND_ONCE, 1, -1, -1, -1)),
                    10, List.of(new PortName(0x105, Port.MACH_PORT_TYPE_PORT_SET, 0, -1, -1, -1))));

    @Test
    void printsAHeaderThenOneAlignedLinePerNameWithHexNames() {
        assertEquals(lines(
                "  NAME  TYPE          UREFS  MSGCOUNT  QLIMIT  SEQNO",
                " 0x103  send+receive      1         0       8      0",
                " 0x207  send             12         -       -      -",
                "0x1a01  receive           0      1024    1024  70000"), run("kernel"));
    }

    @Test
    void aTaskIsFoundByItsId() {
        assertEquals(lines(
                " NAME  TYPE       UREFS  MSGCOUNT  QLIMIT  SEQNO",
                "0x101  send-once      1         -       -      -"), run("7"));
    }

    @Test
    void aNumberIsAnIdBeforeItIsAName() {
        assertTrue(run("4").contains("dead-name"), run("4"));
    }

    @Test
    void aNumberNoTaskHasAsIdIsTriedAsAName() {
        assertTrue(run("42").contains("port-set"), run("42"));
    }

    @Test
    void aNameSeveralTasksShareFailsListingTheirIds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run("bsd"));
        assertEquals("2 tasks are named bsd (ids 4, 7); give an id", error.getMessage());
    }

    @Test
    void anUnknownTaskFailsAndPrintsNothing() {
        Failed<IllegalArgumentException> failed = failing(IllegalArgumentException.class,
                out -> new PortsCommand(KERNEL).print("nosuch", out));
        assertEquals("no task nosuch (mach:tasks lists the tasks)", failed.error().getMessage());
        assertEquals("", failed.printed());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run("99"));
        assertEquals("no task 99 (mach:tasks lists the tasks)", error.getMessage());
    }

    @Test
    void noOrAnEmptyArgumentFailsWithTheUsage() {
        assertEquals(PortsCommand.USAGE,
                assertThrows(IllegalArgumentException.class, () -> new PortsCommand(KERNEL).ports()).getMessage());
        assertEquals(PortsCommand.USAGE, assertThrows(IllegalArgumentException.class, () -> run(" ")).getMessage());
    }

    @Test
    void aTaskWithAnEmptySpacePrintsTheHeaderOnly() {
        assertEquals(lines("NAME  TYPE  UREFS  MSGCOUNT  QLIMIT  SEQNO"), run("9"));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(out -> new PortsCommand(null).print("kernel", out));
    }

    private static String run(String task) {
        return printed(out -> new PortsCommand(KERNEL).print(task, out));
    }
}
