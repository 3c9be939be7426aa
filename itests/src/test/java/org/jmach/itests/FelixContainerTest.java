package org.jmach.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachNativeTasks;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.nat.internal.NativeTestContainerFactory;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/** jmach in a Felix native container: the bundles of the embedded default, under Pax Exam. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@ExamFactory(NativeTestContainerFactory.class)
public class FelixContainerTest extends ContainerTestBase {

    /** How long {@link #awaitHost} waits for one answer before asking again. */
    private static final long ASK_MILLIS = 5_000;

    @Inject
    private CommandProcessor processor;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        for (String path : System.getProperty("jmach.felix.bundles").split(",")) {
            options.add(bundle(new File(path).toURI().toString()));
        }
        options.add(junitBundles());
        options.add(frameworkProperty("org.osgi.framework.storage").value("target/felix-cache"));
        options.add(cleanCaches());
        // The run directory: where the disk image (the default pager's paging area) lives.
        options.add(frameworkProperty("jmach.data").value(new File("target").getAbsolutePath()));
        options.add(serviceTimeout());
        return options(options.toArray(new Option[0]));
    }

    @Test
    public void newMachineConfigurationRebootsTheKernel() throws Exception {
        org.osgi.service.cm.Configuration machine = configurationAdmin.getConfiguration("org.jmach.hw", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("processors", 4);
        properties.put("memory.size", 128L * 1024 * 1024);
        ServiceReference<MachNativeTasks> reference = context.getServiceReference(MachNativeTasks.class);
        assertTrue("no kernel is booted", reference != null);
        MachNativeTasks oldBoot = context.getService(reference);
        int oldTask = oldBoot.taskCreate("itest-old-boot");
        machine.update(properties);
        try {
            HostBasicInfo rebooted = awaitHost(4);
            assertEquals(134_217_728L, rebooted.memorySize());
            // The old boot is gone for good: its tasks were terminated when it halted.
            assertEquals(KernReturn.KERN_INVALID_TASK, oldBoot.threadCreate(oldTask, "late", traps -> { }));
            assertTrue(HostChecks.eventually(this::run, "mach:host").contains("max_cpus 4"));
        } finally {
            context.ungetService(reference);
            machine.delete();
        }
        assertEquals(67_108_864L, awaitHost(2).memorySize());
        HostChecks.assertDefaultHostOutput(HostChecks.eventually(this::run, "mach:host"));
    }

    @Test
    public void invalidMachineConfigurationBootsNoKernelAndTheCommandSaysSo() throws Exception {
        org.osgi.service.cm.Configuration machine = configurationAdmin.getConfiguration("org.jmach.hw", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("memory.size", 1000L);
        machine.update(properties);
        try {
            // The old kernel halts; no new one boots; the command stays and says why.
            long deadline = System.currentTimeMillis() + HostChecks.WAIT_MILLIS;
            String failure;
            while ((failure = failureOf("mach:host")) == null || !failure.startsWith("no kernel is booted")) {
                assertTrue("mach:host still answers on a machine of 1000 bytes: " + failure,
                        System.currentTimeMillis() < deadline);
                Thread.sleep(20);
            }
        } finally {
            machine.delete();
        }
        assertEquals(new HostBasicInfo(2, 2, 67_108_864L, 23, 1), awaitHost(2));
    }

    /** The message of the command's failure, or null if it succeeded. */
    private String failureOf(String command) {
        try {
            run(command);
            return null;
        } catch (Exception e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            return String.valueOf(cause.getMessage());
        }
    }

    /**
     * Waits until the host of the registered kernel reports {@code cpus}
     * processors, asking it from a native thread of that kernel. While the
     * kernel reboots, a question may go to a kernel that is halting: it is
     * given up after a while and asked again.
     */
    private HostBasicInfo awaitHost(int cpus) throws InterruptedException {
        long deadline = System.currentTimeMillis() + HostChecks.WAIT_MILLIS;
        HostBasicInfo last = null;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<MachNativeTasks> reference = context.getServiceReference(MachNativeTasks.class);
            MachNativeTasks current = reference == null ? null : context.getService(reference);
            if (current != null) {
                try {
                    HostChecks.HostAnswers answers = HostChecks.askHost(current, ASK_MILLIS);
                    if (answers.basicKr() == KernReturn.KERN_SUCCESS) {
                        last = answers.basic();
                        if (last.maxCpus() == cpus) {
                            return last;
                        }
                    }
                } catch (Exception | AssertionError halting) {
                    // Asked a kernel on its way down; the next one will answer.
                } finally {
                    context.ungetService(reference);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the kernel did not reboot with " + cpus + " processors; last seen " + last);
    }

    @Override
    protected void execute(String command, PrintStream out) throws Exception {
        try (CommandSession session = processor.createSession(System.in, out, out)) {
            session.execute(command);
        }
    }
}
