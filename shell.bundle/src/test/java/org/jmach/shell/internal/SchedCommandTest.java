package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug.ProcessorSetSummary;
import org.jmach.mach.MachDebug.ProcessorSummary;
import org.jmach.mach.MachDebug;
import org.junit.jupiter.api.Test;

class SchedCommandTest {

    @Test
    void printsTheProcessorsThenTheProcessorSets() {
        MachDebug kernel = new FakeDebug(List.of(), Map.of(), List.of(),
                List.of(new ProcessorSummary(0, "running", "default", "kernel/pageout", 0),
                        new ProcessorSummary(1, "idle", "default", "", 3),
                        new ProcessorSummary(2, "running", "batch", "bsd/init", 12)),
                List.of(new ProcessorSetSummary("default", 2, 3, 7, 0, 1, 1_500, 250),
                        new ProcessorSetSummary("batch", 1, 1, 2, 32, 12, 12_345, 0)));
        assertEquals(lines(
                "SLOT  STATE    PSET     THREAD          LOCAL RUNQ",
                "   0  running  default  kernel/pageout           0",
                "   1  idle     default  -                        3",
                "   2  running  batch    bsd/init                12",
                "",
                "NAME     CPUS  TASKS  THREADS  MAXPRI  RUNQ   LOAD  MACH FACTOR",
                "default     2      3        7       0     1   1.50         0.25",
                "batch       1      1        2      32    12  12.35         0.00"), run(kernel));
    }

    @Test
    void aKernelWithoutProcessorsPrintsBothHeaders() {
        assertEquals(lines(
                "SLOT  STATE  PSET  THREAD  LOCAL RUNQ",
                "",
                "NAME  CPUS  TASKS  THREADS  MAXPRI  RUNQ  LOAD  MACH FACTOR"), run(new FakeDebug(List.of(), Map.of())));
    }

    @Test
    void scaledFiguresHaveTwoDecimals() {
        assertEquals("0.00", SchedCommand.scaled(0));
        assertEquals("0.01", SchedCommand.scaled(5));
        assertEquals("1.00", SchedCommand.scaled(1_000));
        assertEquals("0.99", SchedCommand.scaled(994));
        assertEquals("123.46", SchedCommand.scaled(123_456));
        assertEquals("-0.50", SchedCommand.scaled(-500));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(new SchedCommand(null)::print);
    }

    private static String run(MachDebug kernel) {
        return printed(new SchedCommand(kernel)::print);
    }
}
