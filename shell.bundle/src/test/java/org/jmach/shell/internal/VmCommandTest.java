package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.failing;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.MachDebug.VmRegionSummary;
import org.jmach.mach.MachDebug.VmStatSummary;
import org.jmach.shell.internal.ConsoleText.Failed;
import org.jmach.vm.VmInherit;
import org.jmach.vm.VmProt;
import org.jmach.vm.VmStatistics;
import org.junit.jupiter.api.Test;

class VmCommandTest {

    private static final int RW = VmProt.VM_PROT_DEFAULT;
    private static final int RX = VmProt.VM_PROT_READ | VmProt.VM_PROT_EXECUTE;

    /** Task 3 (bsd) maps three regions; task 5 (idle) nothing. */
    private static final MachDebug KERNEL = new FakeVmDebug(
            List.of(new TaskSummary(0, "kernel", 2, 3, 0, "active"),
                    new TaskSummary(3, "bsd", 1, 4, 0, "active"),
                    new TaskSummary(5, "idle", 1, 0, 0, "active")),
            Map.of(3, List.of(
                    new VmRegionSummary(0x1000, 0x3000, RW, VmProt.VM_PROT_ALL, VmInherit.VM_INHERIT_COPY, 5, 0, 2,
                            false),
                    new VmRegionSummary(0x10000, 0x20000, RX, RX, VmInherit.VM_INHERIT_SHARE, 12, 0x4000, 16, true),
                    new VmRegionSummary(0x7ffffffe0000L, 0x800000000000L, VmProt.VM_PROT_NONE, VmProt.VM_PROT_ALL,
                            VmInherit.VM_INHERIT_NONE, 0, 0, 0, false))),
            new VmStatSummary(new VmStatistics(4096, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "fifo"), List.of());

    @Test
    void printsOneLinePerRegionWithHexAddressesProtectionsAndInheritance() {
        assertEquals(lines(
                "         START             END  PROT     INHERIT  OBJECT  OFFSET  RESIDENT  SHARED",
                "        0x1000          0x3000  rw-/rwx  copy          5     0x0         2  no",
                "       0x10000         0x20000  r-x/r-x  share        12  0x4000        16  yes",
                "0x7ffffffe0000  0x800000000000  ---/rwx  none          -     0x0         0  no"), run("bsd"));
    }

    @Test
    void aTaskIsFoundByItsIdAsByItsName() {
        assertEquals(run("bsd"), run("3"));
    }

    @Test
    void aTaskWithAnEmptyMapPrintsTheHeaderOnly() {
        assertEquals(lines("START  END  PROT  INHERIT  OBJECT  OFFSET  RESIDENT  SHARED"), run("idle"));
    }

    @Test
    void anUnknownTaskFailsAndPrintsNothing() {
        Failed<IllegalArgumentException> failed = failing(IllegalArgumentException.class,
                out -> new VmCommand(KERNEL).print("nosuch", out));
        assertEquals("no task nosuch (mach:tasks lists the tasks)", failed.error().getMessage());
        assertEquals("", failed.printed());
        assertEquals("no task 99 (mach:tasks lists the tasks)",
                assertThrows(IllegalArgumentException.class, () -> run("99")).getMessage());
    }

    @Test
    void noOrAnEmptyArgumentFailsWithTheUsage() {
        assertEquals(VmCommand.USAGE,
                assertThrows(IllegalArgumentException.class, () -> new VmCommand(KERNEL).vm()).getMessage());
        assertEquals(VmCommand.USAGE, assertThrows(IllegalArgumentException.class, () -> run(" ")).getMessage());
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(out -> new VmCommand(null).print("bsd", out));
    }

    private static String run(String task) {
        return printed(out -> new VmCommand(KERNEL).print(task, out));
    }
}
