package org.jmach.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Checks shared by the tests of every container: what {@code mach:vmstat}
 * and {@code mach:vm} print on a booted kernel.
 */
final class VmChecks {

    static final String VM_HEADER = "START";

    private VmChecks() {
    }

    /**
     * Checks that the output of {@code mach:vmstat} gives the page size, a
     * free count above zero and a pageout policy, and has the objects' table.
     */
    static void assertVmstat(String output) {
        assertTrue(output, output.contains("pagesize 4096"));
        assertTrue(output, output.lines().anyMatch(l -> l.matches("pageout_policy \\S+")));
        assertTrue(output, output.lines().anyMatch(l -> l.strip().startsWith("OBJECT")));
        for (String line : output.split("\\R")) {
            if (line.startsWith("free_count ")) {
                assertTrue(output, Long.parseLong(line.substring("free_count ".length())) > 0);
                return;
            }
        }
        fail("mach:vmstat gives no free_count:\n" + output);
    }

    /** Checks that the output of {@code mach:vm} has its header and that every region starts in hex. */
    static void assertRegionTable(String output) {
        String[] lines = output.split("\\R");
        assertTrue(output, lines.length >= 1 && lines[0].strip().startsWith(VM_HEADER));
        for (int i = 1; i < lines.length; i++) {
            assertTrue(output, lines[i].strip().matches("0x[0-9a-f]+\\s+0x[0-9a-f]+\\s+[-r][-w][-x]/[-r][-w][-x].*"));
        }
    }
}
