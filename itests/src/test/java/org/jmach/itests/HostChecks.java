package org.jmach.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.HostSchedInfo;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachHost;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Checks shared by the tests of every container: what host_info says of the
 * default machine (2 processors, 64 MiB, 100 Hz), through the service and
 * through {@code mach:host}, and that the command survives a restart of the
 * shell bundle.
 */
final class HostChecks {

    /** A console of some container: runs a command line, returns its output. */
    interface Console {
        String run(String command) throws Exception;
    }

    /** Bounds every wait for the framework; the tests never measure time. */
    static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private HostChecks() {
    }

    static void assertDefaultHost(MachHost host) {
        int[] words = new int[HostInfo.HOST_INFO_MAX];
        int[] count = {words.length};
        assertEquals(KernReturn.KERN_SUCCESS, host.hostInfo(HostInfo.HOST_BASIC_INFO, words, count));
        assertEquals(HostInfo.HOST_BASIC_INFO_COUNT, count[0]);
        assertEquals(new HostBasicInfo(2, 2, 67_108_864L, 23, 1), HostBasicInfo.decode(words));

        count[0] = words.length;
        assertEquals(KernReturn.KERN_SUCCESS, host.hostInfo(HostInfo.HOST_SCHED_INFO, words, count));
        assertEquals(new HostSchedInfo(10, 100), HostSchedInfo.decode(words));

        String[] version = new String[1];
        assertEquals(KernReturn.KERN_SUCCESS, host.hostKernelVersion(version));
        assertTrue(version[0], version[0].startsWith("jmach "));
    }

    /** Checks the output of {@code mach:host} on the default machine. */
    static void assertDefaultHostOutput(String output) {
        Map<String, String> figures = figures(output);
        assertEquals(output, "2", figures.get("max_cpus"));
        assertEquals(output, "2", figures.get("avail_cpus"));
        assertEquals(output, "67108864", figures.get("memory_size"));
        assertEquals(output, "23", figures.get("cpu_type"));
        assertEquals(output, "1", figures.get("cpu_subtype"));
        assertEquals(output, "10", figures.get("min_timeout"));
        assertEquals(output, "100", figures.get("min_quantum"));
        assertTrue(output, figures.getOrDefault("kernel_version", "").startsWith("jmach "));
    }

    /** The {@code name value} lines of some output, in order. */
    static Map<String, String> figures(String output) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                figures.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return figures;
    }

    /**
     * Stops the shell bundle, sees mach:host fail, starts it again and sees
     * mach:host come back with the same figures.
     */
    static void assertShellRestartBringsMachHostBack(BundleContext context, Console console) throws Exception {
        Bundle shell = bundle(context, "org.jmach.shell");
        assertDefaultHostOutput(console.run("mach:host"));

        shell.stop();
        assertEquals(Bundle.RESOLVED, shell.getState());
        assertCommandFails(console, "mach:host");

        shell.start();
        assertEquals(Bundle.ACTIVE, shell.getState());
        assertDefaultHostOutput(eventually(console, "mach:host"));
    }

    static void assertCommandFails(Console console, String command) {
        try {
            String output = console.run(command);
            fail(command + " should fail, but printed: " + output);
        } catch (Exception expected) {
            // The console reports a command that does not exist by throwing.
        }
    }

    /** Runs the command until it succeeds: a console may learn of a new command asynchronously. */
    static String eventually(Console console, String command) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            try {
                return console.run(command);
            } catch (Exception notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
