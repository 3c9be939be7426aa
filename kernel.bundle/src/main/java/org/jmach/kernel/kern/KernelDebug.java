package org.jmach.kernel.kern;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mach.MachDebug.ProcessorSetSummary;
import org.jmach.mach.MachDebug.ProcessorSummary;
import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.MachDebug.ThreadSummary;
import org.jmach.mach.MachDebug.VmObjectSummary;
import org.jmach.mach.MachDebug.VmRegionSummary;
import org.jmach.mach.MachDebug.VmStatSummary;
import org.jmach.mach.Policy;
import org.jmach.mach.ProcessorInfo;
import org.jmach.mach.ThreadInfo;
import org.jmach.vm.spi.VmRegion;
import org.jmach.vm.spi.VmSystem;

/**
 * The kernel's state as the debugging view ({@code MachDebug}) describes
 * it: tasks, threads, processors and processor sets, read under the
 * scheduler lock so that each description is consistent; address maps, VM
 * objects and vm_statistics, read from VM (which takes its own lock).
 */
public final class KernelDebug {

    private KernelDebug() {
    }

    /** Every active task. Conditions: nothing locked. */
    public static List<TaskSummary> tasks(Startup kernel) {
        List<TaskSummary> out = new ArrayList<>();
        for (Task t : kernel.tasks()) {
            int names = kernel.ipc().locked(() -> t.space().nameCount());
            int suspend = locked(kernel, () -> t.suspendCount);
            out.add(new TaskSummary(t.id(), t.name(), t.threads().size(), names, suspend,
                    suspend > 0 ? "suspended" : "active"));
        }
        return out;
    }

    /** The threads of task {@code taskId}, or of every task for -1. Conditions: nothing locked. */
    public static List<ThreadSummary> threads(Startup kernel, int taskId) {
        List<ThreadSummary> out = new ArrayList<>();
        for (Task task : kernel.tasks()) {
            if (taskId != -1 && task.id() != taskId) {
                continue;
            }
            for (Thread t : task.threads()) {
                long[] times = t.times();
                String waits = t.waitDescription();
                Interpreter in = t.interpreter();
                long pc = in == null ? ThreadSummary.NATIVE : in.pc(); // read racily: a running thread's moves
                out.add(locked(kernel, () -> new ThreadSummary(task.id(), t.id(), t.name(), stateName(t),
                        t.priority, t.schedPri, t.maxPriority, Policy.name(t.policy), times[0] / 1000,
                        times[1] / 1000, t.pset.name, t.processor != null ? t.processor.slot : -1,
                        waitsOn(t, waits), t.suspendCount, pc, kernel.sched().cpuUsage(t))));
            }
        }
        return out;
    }

    /** The processors, by slot. Conditions: nothing locked. */
    public static List<ProcessorSummary> processors(Startup kernel) {
        return locked(kernel, () -> {
            List<ProcessorSummary> out = new ArrayList<>();
            for (Processor p : kernel.sched().processors()) {
                Thread t = p.active;
                out.add(new ProcessorSummary(p.slot, ProcessorInfo.stateName(p.state), p.pset.name,
                        t == null ? "" : t.task().name() + "." + t.name(), p.runq.count()));
            }
            return out;
        });
    }

    /** The active sets, the default first. Conditions: nothing locked. */
    public static List<ProcessorSetSummary> processorSets(Startup kernel) {
        return locked(kernel, () -> {
            List<ProcessorSetSummary> out = new ArrayList<>();
            for (ProcessorSet s : kernel.sched().psets()) {
                out.add(new ProcessorSetSummary(s.name, s.processors.size(), s.tasks.size(), s.threads.size(),
                        s.maxPriority, s.runq.count(), s.loadAverage, s.machFactor));
            }
            return out;
        });
    }

    /**
     * Routine: the regions of task {@code taskId}'s map, as mach:vm shows
     * them. Conditions: nothing locked. Returns an empty list if there is
     * no such active task.
     */
    public static List<VmRegionSummary> vmRegions(Startup kernel, int taskId) {
        Task task = kernel.task(taskId);
        if (task == null) {
            return List.of();
        }
        List<VmRegionSummary> out = new ArrayList<>();
        for (VmRegion r : task.map().regions()) {
            out.add(new VmRegionSummary(r.start(), r.end(), r.protection(), r.maxProtection(), r.inheritance(),
                    r.objectId(), r.offset(), r.residentPages(), r.shared()));
        }
        return out;
    }

    /** Routine: vm_statistics, with the pageout policy in use. Conditions: nothing locked. */
    public static VmStatSummary vmStatistics(Startup kernel) {
        VmSystem vm = kernel.vm();
        return new VmStatSummary(vm.statistics(), vm.pageoutPolicyName());
    }

    /** The VM objects alive, as mach:vmstat shows them. Conditions: nothing locked. */
    public static List<VmObjectSummary> vmObjects(Startup kernel) {
        List<VmObjectSummary> out = new ArrayList<>();
        for (org.jmach.vm.spi.VmObjectSummary o : kernel.vm().objects()) {
            out.add(new VmObjectSummary(o.id(), o.size(), o.references(), o.residentPages(), o.shadowId(),
                    o.internal(), o.pagerState(), o.copyStrategy()));
        }
        return out;
    }

    /** The state as mach:threads shows it. Conditions: the scheduler lock held. */
    private static String stateName(Thread t) {
        return t.state == SchedPrim.RUNNABLE ? "runnable" : ThreadInfo.runStateName(Info.runState(t));
    }

    private static String waitsOn(Thread t, String ipcWait) {
        return switch (t.state) {
            case SchedPrim.WAITING -> ipcWait.isEmpty() ? "event" : ipcWait;
            case SchedPrim.RUNNABLE -> "processor";
            case SchedPrim.STOPPED, SchedPrim.NEW -> "resume";
            default -> "";
        };
    }

    private static <T> T locked(Startup kernel, java.util.function.Supplier<T> read) {
        SchedPrim sched = kernel.sched();
        sched.lock.lock();
        try {
            return read.get();
        } finally {
            sched.lock.unlock();
        }
    }
}
