package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.VmObjectSummary;
import org.jmach.mach.MachDebug.VmStatSummary;
import org.jmach.vm.MemoryObjectConstants;
import org.jmach.vm.VmStatistics;
import org.junit.jupiter.api.Test;

class VmstatCommandTest {

    private static final VmStatistics STATISTICS =
            new VmStatistics(4096, 15_872, 400, 96, 16, 1_234, 5, 77, 80, 1_500, 42, 9, 3);

    @Test
    void printsTheStatisticsAndThePolicyThenTheObjects() {
        MachDebug kernel = new FakeVmDebug(List.of(), Map.of(), new VmStatSummary(STATISTICS, "fifo-second-chance"),
                List.of(new VmObjectSummary(5, 0x2000, 1, 2, 0, true, "default",
                                MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY),
                        new VmObjectSummary(12, 0x100000, 2, 16, 0, false, "external",
                                MemoryObjectConstants.MEMORY_OBJECT_COPY_CALL),
                        new VmObjectSummary(13, 0x2000, 1, 0, 5, true, "none",
                                MemoryObjectConstants.MEMORY_OBJECT_COPY_NONE)));
        assertEquals(lines(
                "pagesize 4096",
                "free_count 15872",
                "active_count 400",
                "inactive_count 96",
                "wire_count 16",
                "zero_fill_count 1234",
                "reactivations 5",
                "pageins 77",
                "pageouts 80",
                "faults 1500",
                "cow_faults 42",
                "lookups 9",
                "hits 3",
                "pageout_policy fifo-second-chance",
                "",
                "OBJECT      SIZE  REFS  RESIDENT  SHADOW  INTERNAL  PAGER     COPY",
                "     5    0x2000     1         2       -  yes       default   delay",
                "    12  0x100000     2        16       -  no        external  call",
                "    13    0x2000     1         0       5  yes       none      none"), run(kernel));
    }

    @Test
    void withoutObjectsTheTableHasItsHeaderOnly() {
        MachDebug kernel = new FakeVmDebug(List.of(), Map.of(), new VmStatSummary(STATISTICS, "lru-aging"), List.of());
        String out = run(kernel);
        assertEquals(lines("pageout_policy lru-aging", "",
                "OBJECT  SIZE  REFS  RESIDENT  SHADOW  INTERNAL  PAGER  COPY"),
                out.substring(out.indexOf("pageout_policy")));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(new VmstatCommand(null)::print);
    }

    private static String run(MachDebug kernel) {
        return printed(new VmstatCommand(kernel)::print);
    }
}
