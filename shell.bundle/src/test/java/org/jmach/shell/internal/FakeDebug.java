package org.jmach.shell.internal;

import java.util.List;
import java.util.Map;

import org.jmach.mach.MachDebug;

/** A kernel of fixed tasks and spaces, for the commands' tests. */
record FakeDebug(List<TaskSummary> tasks, Map<Integer, List<PortName>> spaces) implements MachDebug {

    @Override
    public List<PortName> portNames(int taskId) {
        return spaces.getOrDefault(taskId, List.of());
    }
}
