package org.jmach.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Checks shared by the tests of every container: what {@code mach:tasks} and
 * {@code mach:ports} print on a booted kernel.
 */
final class TaskChecks {

    static final String TASKS_HEADER = "ID  NAME";
    static final String PORTS_HEADER = "NAME  TYPE";

    private TaskChecks() {
    }

    /**
     * Checks that the output of {@code mach:tasks} has its header and a line
     * for the kernel task: id, name, state, suspend count, threads, names.
     */
    static void assertTasksListTheKernel(String output) {
        String[] lines = output.split("\\R");
        assertTrue(output, lines.length >= 2 && lines[0].strip().startsWith(TASKS_HEADER));
        for (int i = 1; i < lines.length; i++) {
            String[] columns = lines[i].strip().split("\\s+");
            if (columns.length == 6 && columns[1].equals("kernel")) {
                assertTrue(output, columns[2].equals("active"));
                for (String number : new String[] {columns[0], columns[3], columns[4], columns[5]}) {
                    assertTrue(output, number.matches("\\d+"));
                }
                return;
            }
        }
        fail("mach:tasks lists no task named kernel:\n" + output);
    }

    /** Checks that the output of {@code mach:ports} has its header and that every name is in hex. */
    static void assertPortsTable(String output) {
        String[] lines = output.split("\\R");
        assertTrue(output, lines.length >= 1 && lines[0].strip().startsWith(PORTS_HEADER));
        for (int i = 1; i < lines.length; i++) {
            assertTrue(output, lines[i].strip().matches("0x[0-9a-f]+\\s+\\S+\\s+\\d+.*"));
        }
    }
}
