package org.jmach.itests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.jmach.mach.MachNativeTasks;
import org.junit.Test;
import org.ops4j.pax.exam.Constants;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;

/**
 * The tests every container must pass; a subclass supplies the container's
 * configuration and a way to run a line in its console.
 */
public abstract class ContainerTestBase {

    @Inject
    protected BundleContext context;

    @Inject
    protected MachNativeTasks nativeTasks;

    /**
     * How long Pax Exam waits for a service to inject, in milliseconds: a
     * loaded CI machine can take longer than the default 10 s to boot Karaf.
     */
    protected static Option serviceTimeout() {
        return CoreOptions.systemProperty(Constants.EXAM_SERVICE_TIMEOUT_KEY).value("120000");
    }

    /** Runs a command line in the container's console, printing to {@code out}. */
    protected abstract void execute(String command, PrintStream out) throws Exception;

    @Test
    public void hostInfoThroughTheHostPort() throws Exception {
        HostChecks.assertDefaultHost(nativeTasks);
    }

    @Test
    public void machHostPrintsTheFiguresThroughTheConsole() throws Exception {
        HostChecks.assertDefaultHostOutput(run("mach:host"));
    }

    @Test
    public void machTasksListsTheKernelTaskAndMachPortsShowsItsSpace() throws Exception {
        TaskChecks.assertTasksListTheKernel(HostChecks.eventually(this::run, "mach:tasks"));
        TaskChecks.assertPortsTable(run("mach:ports kernel"));
        HostChecks.assertCommandFails(this::run, "mach:ports nosuch");
    }

    @Test
    public void machVmstatPrintsTheFreeCountAndMachVmAMap() throws Exception {
        VmChecks.assertVmstat(HostChecks.eventually(this::run, "mach:vmstat"));
        VmChecks.assertRegionTable(run("mach:vm kernel"));
        HostChecks.assertCommandFails(this::run, "mach:vm nosuch");
    }

    @Test
    public void nativeThreadsOfABundleCallMachMsgThroughTheExportedApi() throws Exception {
        int id = IpcChecks.serveAndCall(nativeTasks);
        IpcChecks.assertPortsShowTheServer(run("mach:ports " + id));
        org.junit.Assert.assertEquals(org.jmach.mach.KernReturn.KERN_SUCCESS, nativeTasks.taskTerminate(id));
    }

    @Test
    public void threadCreateSetStateAndResumeRunJavaCodeOfTheTask() throws Exception {
        ThreadChecks.threadCreateRunsARegisteredEntry(nativeTasks);
    }

    @Test
    public void cThreadsRunTheBoundedBufferInABundlesTask() throws Exception {
        ThreadChecks.cThreadsBoundedBuffer(nativeTasks);
    }

    @Test
    public void pagersAreSwappedWhileATaskPagesAndNoPageIsLost() throws Exception {
        PagerChecks.pagersSwapWhileTasksPage(context, this::run);
    }

    @Test
    public void twoCpuBoundRiscvTasksAndANativeServerShareTwoProcessorsVisibleInMachThreads() throws Exception {
        SchedulingChecks.cpuBoundRiscvTasksAndANativeServerShareTwoProcessors(nativeTasks, this::run);
    }

    @Test
    public void unknownCommandFails() {
        HostChecks.assertCommandFails(this::run, "mach:nosuch");
    }

    @Test
    public void shellBundleRestartBringsMachHostBack() throws Exception {
        HostChecks.assertShellRestartBringsMachHostBack(context, this::run);
    }

    /** Runs a command line in the console and returns what it printed. */
    protected String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        execute(command, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
