package org.jmach.kernel.osgi;

import java.util.List;
import java.util.function.Consumer;

import org.jmach.hw.Machine;
import org.jmach.vm.spi.VirtualMemory;
import org.jmach.kernel.kern.KernelDebug;
import org.jmach.kernel.kern.KernelVersion;
import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.mach.MachDebug;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.KernReturn;
import org.jmach.mach.Port;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The kernel as an OSGi component: boots when a {@link Machine} is there,
 * halts when it goes. The machine reference is static, so a new machine
 * configuration halts this boot and starts a new one: a clean reboot.
 * While booted, the debugging view of tasks, spaces, threads, processors
 * and virtual memory is registered as
 * {@link MachDebug}, and native tasks and threads for bundles as
 * {@link MachNativeTasks}; the host is reached as in Mach, by messages to
 * the host port that {@code mach_host_self} names. Its own
 * configuration (PID {@code org.jmach.kernel}, {@link KernelConfig}) is
 * optional; a new one reboots the kernel too.
 */
@Component(service = {MachDebug.class, MachNativeTasks.class}, immediate = true,
        configurationPid = "org.jmach.kernel")
@Designate(ocd = KernelConfig.class)
public final class KernelComponent implements MachDebug, MachNativeTasks {

    private final Startup kernel;

    @Activate
    public KernelComponent(@Reference Machine machine, @Reference VirtualMemory vm, BundleContext context,
            KernelConfig config) {
        int qlimit = config.ipc_qlimit_default();
        if (qlimit < 0 || qlimit > Port.MACH_PORT_QLIMIT_MAX) {
            throw new IllegalArgumentException("ipc.qlimit.default must be 0.." + Port.MACH_PORT_QLIMIT_MAX
                    + ", not " + qlimit);
        }
        Version v = context.getBundle().getVersion();
        String release = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        this.kernel = Startup.setupMain(machine, vm, KernelVersion.of(release), qlimit);
    }

    @Deactivate
    void deactivate() {
        kernel.shutdown();
    }

    @Override
    public List<TaskSummary> tasks() {
        return KernelDebug.tasks(kernel);
    }

    @Override
    public List<PortName> portNames(int taskId) {
        Task t = kernel.task(taskId);
        return t == null ? List.of() : kernel.ipc().portNames(t.space());
    }

    @Override
    public List<ThreadSummary> threads(int taskId) {
        return KernelDebug.threads(kernel, taskId);
    }

    @Override
    public List<ProcessorSummary> processors() {
        return KernelDebug.processors(kernel);
    }

    @Override
    public List<ProcessorSetSummary> processorSets() {
        return KernelDebug.processorSets(kernel);
    }

    @Override
    public List<VmRegionSummary> vmRegions(int taskId) {
        return KernelDebug.vmRegions(kernel, taskId);
    }

    @Override
    public VmStatSummary vmStatistics() {
        return KernelDebug.vmStatistics(kernel);
    }

    @Override
    public List<VmObjectSummary> vmObjects() {
        return KernelDebug.vmObjects(kernel);
    }

    @Override
    public int hostPriv(int taskId) {
        Task t = kernel.task(taskId);
        return t == null ? Port.MACH_PORT_NULL : kernel.hostPrivGive(t);
    }

    @Override
    public int taskCreate(String name) {
        return kernel.taskCreate(name).id();
    }

    @Override
    public int threadCreate(int taskId, String name, Consumer<MachTraps> body) {
        Task t = kernel.task(taskId);
        if (t == null || t.threadCreate(name, body) == null) {
            return KernReturn.KERN_INVALID_TASK;
        }
        return KernReturn.KERN_SUCCESS;
    }

    @Override
    public int taskTerminate(int taskId) {
        Task t = kernel.task(taskId);
        return t == null || t == kernel.kernelTask() ? KernReturn.KERN_INVALID_TASK : t.terminate();
    }
}
