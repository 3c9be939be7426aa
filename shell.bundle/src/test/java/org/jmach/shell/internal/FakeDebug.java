package org.jmach.shell.internal;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug;
import org.jmach.vm.VmStatistics;

/**
 * A kernel of fixed tasks, spaces, threads, processors, processor sets and disks, for the commands' tests; its
 * virtual memory is empty ({@link FakeVmDebug} has some).
 */
record FakeDebug(List<TaskSummary> tasks, Map<Integer, List<PortName>> spaces, List<ThreadSummary> allThreads,
        List<ProcessorSummary> processors, List<ProcessorSetSummary> processorSets, List<DiskSummary> disks)
        implements MachDebug {

    /** A kernel without disks. */
    FakeDebug(List<TaskSummary> tasks, Map<Integer, List<PortName>> spaces, List<ThreadSummary> allThreads,
            List<ProcessorSummary> processors, List<ProcessorSetSummary> processorSets) {
        this(tasks, spaces, allThreads, processors, processorSets, List.of());
    }

    /** A kernel of disks only. */
    static FakeDebug withDisks(List<DiskSummary> disks) {
        return new FakeDebug(List.of(), Map.of(), List.of(), List.of(), List.of(), disks);
    }

    /** A kernel of tasks and spaces only. */
    FakeDebug(List<TaskSummary> tasks, Map<Integer, List<PortName>> spaces) {
        this(tasks, spaces, List.of(), List.of(), List.of());
    }

    @Override
    public List<PortName> portNames(int taskId) {
        return spaces.getOrDefault(taskId, List.of());
    }

    @Override
    public List<ThreadSummary> threads(int taskId) {
        return allThreads.stream().filter(t -> taskId == -1 || t.taskId() == taskId).toList();
    }

    @Override
    public List<VmRegionSummary> vmRegions(int taskId) {
        return List.of();
    }

    @Override
    public VmStatSummary vmStatistics() {
        return new VmStatSummary(new VmStatistics(4096, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "");
    }

    @Override
    public List<VmObjectSummary> vmObjects() {
        return List.of();
    }
}
