package org.jmach.kernel.osgi;

import java.util.function.Consumer;

import org.jmach.hw.Disk;
import org.jmach.hw.Machine;
import org.jmach.vm.spi.VirtualMemory;
import org.jmach.kernel.kern.KernelDebugView;
import org.jmach.kernel.kern.KernelVersion;
import org.jmach.kernel.kern.NativeTasks;
import org.jmach.kernel.kern.Startup;
import org.jmach.mach.MachDebug;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.Port;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
 *
 * <p>The disk is an optional, dynamic, greedy reference: it may come after
 * the kernel booted, go, or be replaced by a new configuration
 * ({@code org.jmach.hw.disk}) while tasks run, and none of that reboots
 * the kernel — a static reference would halt every task for it, and the
 * disk often activates after the kernel. The master device asks for the
 * disk at each device_open; a device open on a disk that went away answers
 * D_DEVICE_DOWN, and a new device_open finds the new disk.
 */
@Component(service = {MachDebug.class, MachNativeTasks.class}, immediate = true,
        configurationPid = "org.jmach.kernel")
@Designate(ocd = KernelConfig.class)
public final class KernelComponent implements KernelDebugView, MachNativeTasks {

    private final Startup kernel;
    private final NativeTasks tasks;
    /** The machine's disk now, or null. Set and cleared by SCR (bind, unbind). */
    private volatile Disk disk;

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
        this.kernel = Startup.setupMain(machine, vm, KernelVersion.of(release), qlimit, () -> disk);
        this.tasks = new NativeTasks(kernel);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDisk")
    synchronized void bindDisk(Disk d) {
        this.disk = d;
    }

    /** A greedy replacement binds the new disk before the old one is unbound: clear only that one. */
    synchronized void unbindDisk(Disk d) {
        if (this.disk == d) {
            this.disk = null;
        }
    }

    @Deactivate
    void deactivate() {
        kernel.shutdown();
    }

    @Override
    public Startup viewedKernel() {
        return kernel;
    }

    @Override
    public Disk viewedDisk() {
        return disk;
    }

    @Override
    public int hostPriv(int taskId) {
        return tasks.hostPriv(taskId);
    }

    @Override
    public int deviceMaster(int taskId) {
        return tasks.deviceMaster(taskId);
    }

    @Override
    public int taskLookup(String name) {
        return tasks.taskLookup(name);
    }

    @Override
    public int taskSetEmulation(int taskId, org.jmach.mach.SyscallEmulation emulation) {
        return tasks.taskSetEmulation(taskId, emulation);
    }

    @Override
    public int taskCreate(String name) {
        return tasks.taskCreate(name);
    }

    @Override
    public int threadCreate(int taskId, String name, Consumer<MachTraps> body) {
        return tasks.threadCreate(taskId, name, body);
    }

    @Override
    public int taskTerminate(int taskId) {
        return tasks.taskTerminate(taskId);
    }
}
