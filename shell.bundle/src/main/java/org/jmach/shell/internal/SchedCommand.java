package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.ProcessorSetSummary;
import org.jmach.mach.MachDebug.ProcessorSummary;
import org.jmach.mach.ProcessorInfo;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:sched}: the scheduler at a glance, two tables a blank line
 * apart. First the processors: slot, state, processor set, the thread it
 * runs (as the kernel names it; {@code -} when idle) and the length of its
 * local run queue. Then the processor
 * sets: name, number of processors, tasks and threads, ceiling priority,
 * length of the set's run queue, load average and Mach factor (printed as
 * {@code x.yy}, the kernel's figures being scaled by
 * {@link ProcessorInfo#LOAD_SCALE}).
 *
 * <p>A Gogo command like {@link TasksCommand}, reading the kernel through
 * {@link MachDebug}.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=sched",
})
public final class SchedCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public SchedCommand() {
    }

    SchedCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:sched. */
    public void sched() {
        print(System.out);
    }

    /**
     * Prints the processors, then the processor sets.
     *
     * @throws IllegalStateException if no kernel is booted
     */
    void print(PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        Table processors = new Table()
                .column("SLOT", Align.RIGHT)
                .column("STATE", Align.LEFT)
                .column("PSET", Align.LEFT)
                .column("THREAD", Align.LEFT)
                .column("LOCAL RUNQ", Align.RIGHT);
        for (ProcessorSummary processor : debug.processors()) {
            processors.row(processor.slot(), TasksCommand.orDash(processor.state()),
                    TasksCommand.orDash(processor.processorSet()), TasksCommand.orDash(processor.thread()),
                    processor.localRunQueue());
        }
        Table sets = new Table()
                .column("NAME", Align.LEFT)
                .column("CPUS", Align.RIGHT)
                .column("TASKS", Align.RIGHT)
                .column("THREADS", Align.RIGHT)
                .column("MAXPRI", Align.RIGHT)
                .column("RUNQ", Align.RIGHT)
                .column("LOAD", Align.RIGHT)
                .column("MACH FACTOR", Align.RIGHT);
        for (ProcessorSetSummary set : debug.processorSets()) {
            sets.row(TasksCommand.orDash(set.name()), set.processors(), set.tasks(), set.threads(),
                    set.maxPriority(), set.runQueue(), scaled(set.loadAverage()), scaled(set.machFactor()));
        }
        Table.print(out, processors, sets);
    }

    /** A figure scaled by {@link ProcessorInfo#LOAD_SCALE}, as {@code x.yy} (rounded half up). */
    static String scaled(int value) {
        long hundredths = Math.round(value * 100.0 / ProcessorInfo.LOAD_SCALE);
        String sign = hundredths < 0 ? "-" : "";
        long abs = Math.abs(hundredths);
        return sign + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }
}
