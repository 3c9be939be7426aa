package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.DiskSummary;
import org.junit.jupiter.api.Test;

class DiskCommandTest {

    @Test
    void printsEachDiskWithItsCountersAndItsFile() {
        assertEquals(lines(
                "NAME  RECORDS  RECSIZE  READS  WRITES  BYTES_READ  BYTES_WRITTEN  PENDING  PATH",
                "hd0    131072      512     12       3      786432           4096        1  /var/jmach/jmach-disk.img"),
                run(disks(new DiskSummary("hd0", "/var/jmach/jmach-disk.img", 131_072, 512, 12, 3, 786_432, 4096, 1))));
    }

    @Test
    void withoutADiskTheTableHasItsHeaderOnly() {
        assertEquals(lines("NAME  RECORDS  RECSIZE  READS  WRITES  BYTES_READ  BYTES_WRITTEN  PENDING  PATH"),
                run(disks()));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(new DiskCommand(null)::print);
    }

    /** A kernel whose machine has these disks. */
    private static MachDebug disks(DiskSummary... disks) {
        return FakeDebug.withDisks(List.of(disks));
    }

    private static String run(MachDebug kernel) {
        return printed(new DiskCommand(kernel)::print);
    }
}
