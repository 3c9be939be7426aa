package org.jmach.kernel.kern;

import java.util.List;

import org.jmach.hw.Disk;
import org.jmach.mach.MachDebug;

/**
 * The debugging view ({@link MachDebug}) of one booted kernel, from
 * {@link KernelDebug}: whoever serves it (the kernel's OSGi component, a
 * test that boots a kernel) names the kernel and its disk, and the rest
 * is here once.
 */
public interface KernelDebugView extends MachDebug {

    /** The kernel this view shows. */
    Startup viewedKernel();

    /** The machine's disk now, or null. */
    Disk viewedDisk();

    @Override
    default List<TaskSummary> tasks() {
        return KernelDebug.tasks(viewedKernel());
    }

    @Override
    default List<PortName> portNames(int taskId) {
        Task t = viewedKernel().task(taskId);
        return t == null ? List.of() : viewedKernel().ipc().portNames(t.space());
    }

    @Override
    default List<ThreadSummary> threads(int taskId) {
        return KernelDebug.threads(viewedKernel(), taskId);
    }

    @Override
    default List<ProcessorSummary> processors() {
        return KernelDebug.processors(viewedKernel());
    }

    @Override
    default List<ProcessorSetSummary> processorSets() {
        return KernelDebug.processorSets(viewedKernel());
    }

    @Override
    default List<VmRegionSummary> vmRegions(int taskId) {
        return KernelDebug.vmRegions(viewedKernel(), taskId);
    }

    @Override
    default VmStatSummary vmStatistics() {
        return KernelDebug.vmStatistics(viewedKernel());
    }

    @Override
    default List<VmObjectSummary> vmObjects() {
        return KernelDebug.vmObjects(viewedKernel());
    }

    @Override
    default List<DiskSummary> disks() {
        Disk d = viewedDisk();
        return d == null ? List.of() : List.of(new DiskSummary(d.name(), d.path(), d.records(), Disk.RECORD_SIZE,
                d.reads(), d.writes(), d.bytesRead(), d.bytesWritten(), d.pending()));
    }
}
