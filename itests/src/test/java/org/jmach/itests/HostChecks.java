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
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachNativeTasks;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Checks shared by the tests of every container: what host_info says of the
 * default machine (2 processors, 64 MiB, 100 Hz), through messages to the
 * host port from a native thread and through {@code mach:host}, and that the
 * command survives a restart of the shell bundle.
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

    /** The name of the tasks the checks ask the host from. */
    static final String TASK = "itest-host";

    /**
     * What the host port answered a native thread: each routine's Mach code
     * and, where it succeeded, its figures.
     */
    record HostAnswers(int basicKr, int basicCount, HostBasicInfo basic, int schedKr, HostSchedInfo sched,
            int versionKr, String version, int deallocateKr) {
    }

    /**
     * Asks the host, as user-level code does: on a native thread of a task
     * of its own, host_self, then host_info (HOST_BASIC_INFO,
     * HOST_SCHED_INFO) and host_kernel_version through the MIG stubs, then
     * the host right deallocated.
     *
     * @param waitMillis how long to wait for the thread's answers
     */
    static HostAnswers askHost(MachNativeTasks tasks, long waitMillis) throws Exception {
        return NativeCalls.call(tasks, TASK, waitMillis, t -> {
            int host = t.machHostSelf();
            MachHostUser stubs = new MachHostUser(t.mig());
            int[] words = new int[HostInfo.HOST_INFO_MAX];
            int[] count = {words.length};
            int basicKr = stubs.hostInfo(host, HostInfo.HOST_BASIC_INFO, words, count);
            int basicCount = count[0];
            HostBasicInfo basic = basicKr == KernReturn.KERN_SUCCESS ? HostBasicInfo.decode(words) : null;
            count[0] = words.length;
            int schedKr = stubs.hostInfo(host, HostInfo.HOST_SCHED_INFO, words, count);
            HostSchedInfo sched = schedKr == KernReturn.KERN_SUCCESS ? HostSchedInfo.decode(words) : null;
            String[] version = new String[1];
            int versionKr = stubs.hostKernelVersion(host, version);
            int deallocateKr = t.machPort().machPortDeallocate(t.machTaskSelf(), host);
            return new HostAnswers(basicKr, basicCount, basic, schedKr, sched, versionKr, version[0], deallocateKr);
        });
    }

    /** Checks what the host port of the default machine answers. */
    static void assertDefaultHost(MachNativeTasks tasks) throws Exception {
        HostAnswers answers = askHost(tasks, WAIT_MILLIS);
        assertEquals(KernReturn.KERN_SUCCESS, answers.basicKr());
        assertEquals(HostInfo.HOST_BASIC_INFO_COUNT, answers.basicCount());
        assertEquals(new HostBasicInfo(2, 2, 67_108_864L, 23, 1), answers.basic());

        assertEquals(KernReturn.KERN_SUCCESS, answers.schedKr());
        assertEquals(new HostSchedInfo(10, 100), answers.sched());

        assertEquals(KernReturn.KERN_SUCCESS, answers.versionKr());
        assertTrue(answers.version(), answers.version().startsWith("jmach "));
        assertEquals("mach_port_deallocate(host)", KernReturn.KERN_SUCCESS, answers.deallocateKr());
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
