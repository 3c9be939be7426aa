package org.jmach.kernel.kern;

import java.util.function.Consumer;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.Port;

/**
 * The bootstrap service ({@link MachNativeTasks}) of one boot: what the
 * kernel component registers, and what benchmarks and tests that boot a
 * kernel without OSGi hand to user-level code (the pager's server, say).
 */
public final class NativeTasks implements MachNativeTasks {

    private final Startup kernel;

    public NativeTasks(Startup kernel) {
        this.kernel = kernel;
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

    @Override
    public int hostPriv(int taskId) {
        Task t = kernel.task(taskId);
        return t == null ? Port.MACH_PORT_NULL : kernel.hostPrivGive(t);
    }

    @Override
    public int deviceMaster(int taskId) {
        Task t = kernel.task(taskId);
        return t == null ? Port.MACH_PORT_NULL : kernel.deviceMasterGive(t);
    }

    @Override
    public int taskLookup(String name) {
        Task t = kernel.taskLookup(name);
        return t == null ? 0 : t.id();
    }

    @Override
    public int taskSetEmulation(int taskId, org.jmach.mach.SyscallEmulation emulation) {
        Task t = kernel.task(taskId);
        if (t == null || t == kernel.kernelTask()) {
            return KernReturn.KERN_INVALID_TASK;
        }
        t.setEmulation(emulation);
        return KernReturn.KERN_SUCCESS;
    }
}
