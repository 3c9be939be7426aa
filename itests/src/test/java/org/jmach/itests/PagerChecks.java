package org.jmach.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.Hashtable;

import org.jmach.mach.MachNativeTasks;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The hot swap contract for pagers (DESIGN.md, "Hot swap"), checked the same
 * way in every container: on a machine of small memory, a task with four
 * threads writes and re-reads four times physical memory while the pager
 * bundle is updated, stopped and started, replaced by the compressing pager
 * and back. Every page must read back right and no access may fail.
 */
final class PagerChecks {

    /** Physical memory of the machine the check boots: 512 frames. */
    static final long MEMORY = 2L << 20;
    static final String PLAIN = "org.jmach.pager";
    static final String COMPRESSED_PROPERTY = "jmach.pager.compressed";
    private static final long WAIT = 120_000;

    private PagerChecks() {
    }

    static void pagersSwapWhileTasksPage(BundleContext context, HostChecks.Console run) throws Exception {
        ServiceReference<ConfigurationAdmin> caRef = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin ca = context.getService(caRef);
        Configuration machine = ca.getConfiguration("org.jmach.hw", "?");
        long oldKernel = kernelServiceId(context);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("processors", 2);
        properties.put("memory.size", MEMORY);
        machine.update(properties);
        Bundle compressed = null;
        try {
            MachNativeTasks tasks = awaitNewKernel(context, oldKernel);
            Bundle plain = bundle(context, PLAIN);
            int pages = (int) (4 * MEMORY / PagingWorkload.PAGE);
            PagingWorkload work = new PagingWorkload(tasks, pages);
            work.awaitPasses(1, WAIT);

            plain.update();
            work.awaitPasses(1, WAIT);

            plain.stop();
            Thread.sleep(50);
            plain.start();
            work.awaitPasses(1, WAIT);

            String jar = System.getProperty(COMPRESSED_PROPERTY);
            assertNotNull("system property " + COMPRESSED_PROPERTY + " names the compressing pager's jar", jar);
            compressed = context.installBundle(new File(jar).toURI().toString());
            compressed.start();
            plain.stop();
            work.awaitPasses(1, WAIT);
            String served = HostChecks.eventually(run, "mach:pager");
            assertTrue("the compressing pager serves:\n" + served, served.contains("deflated pages"));

            plain.start();
            compressed.stop();
            work.awaitPasses(1, WAIT);

            work.stop(WAIT);
            assertEquals("failed loads and stores: " + work.errors, 0, work.failedAccesses.get());
            assertEquals("pages with wrong contents: " + work.errors, 0, work.badPages.get());
            assertTrue("every page was checked at least 6 times",
                    work.pagesChecked.get() >= 6L * work.pages());
            String pager = HostChecks.eventually(run, "mach:pager");
            assertTrue("the plain pager serves again:\n" + pager, pager.contains("raw pages"));
            String disk = run.run("mach:disk");
            assertTrue("mach:disk shows hd0:\n" + disk, disk.contains("hd0"));
            System.out.println("pager swap check: " + work.pagesChecked.get() + " pages checked, longest access "
                    + work.longestAccessNanos.get() / 1_000_000 + " ms");
        } finally {
            if (compressed != null) {
                compressed.uninstall();
            }
            long kernel = kernelServiceId(context);
            machine.delete();
            awaitNewKernel(context, kernel);
            context.ungetService(caRef);
        }
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " is installed");
    }

    private static long kernelServiceId(BundleContext context) {
        ServiceReference<MachNativeTasks> r = context.getServiceReference(MachNativeTasks.class);
        return r == null ? -1 : (Long) r.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    /** Waits for a kernel registered after the one with service id {@code old}, and returns its bootstrap service. */
    private static MachNativeTasks awaitNewKernel(BundleContext context, long old) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<MachNativeTasks> r = context.getServiceReference(MachNativeTasks.class);
            if (r != null && (Long) r.getProperty(org.osgi.framework.Constants.SERVICE_ID) != old) {
                MachNativeTasks tasks = context.getService(r);
                if (tasks != null) {
                    return tasks;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no kernel booted on the new machine within " + WAIT + " ms");
    }
}
