package org.jmach.shell.internal;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug;

/** A kernel of fixed tasks, address maps, VM statistics and VM objects, for mach:vm and mach:vmstat. */
record FakeVmDebug(List<TaskSummary> tasks, Map<Integer, List<VmRegionSummary>> maps, VmStatSummary vmStatistics,
        List<VmObjectSummary> vmObjects) implements MachDebug {

    @Override
    public List<VmRegionSummary> vmRegions(int taskId) {
        return maps.getOrDefault(taskId, List.of());
    }

    @Override
    public List<PortName> portNames(int taskId) {
        return List.of();
    }

    @Override
    public List<ThreadSummary> threads(int taskId) {
        return List.of();
    }

    @Override
    public List<ProcessorSummary> processors() {
        return List.of();
    }

    @Override
    public List<ProcessorSetSummary> processorSets() {
        return List.of();
    }
    @Override
    public List<DiskSummary> disks() {
        return List.of();
    }
}
