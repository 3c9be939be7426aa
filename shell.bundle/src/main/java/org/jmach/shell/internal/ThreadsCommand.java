package org.jmach.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.ThreadSummary;
import org.jmach.mach.Policy;
import org.jmach.mach.ThreadInfo;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:threads [TASK]}: lists every thread of the kernel, or those of
 * one task, a header then one line per thread: its task's id, its id and
 * name, its state, its base and current priority (0 the highest; the
 * current one is the scheduled priority, which timesharing worsens as the
 * thread's usage grows), its policy ("timeshare" or "fixed"), the CPU time it
 * has used (user plus system, in milliseconds), its recent CPU usage
 * (thread_info's {@code cpu_usage} as a percentage of one processor, the
 * usage timesharing decays by 5/8 a second), its processor set, the
 * processor it holds ({@code -} for none), what it waits on ({@code -} for
 * nothing), its suspend count, and the program counter of an interpreted
 * (RISC-V) thread ({@code -} for a native one; a running thread's moves as
 * it is read).
 *
 * <p>TASK is a task id or name, as for {@code mach:ports}
 * ({@link TaskLookup}); an unknown task fails the command with an
 * {@link IllegalArgumentException} saying so.
 *
 * <p>A Gogo command like {@link TasksCommand}, reading the kernel through
 * {@link MachDebug}.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=threads",
})
public final class ThreadsCommand {

    static final String USAGE = "usage: mach:threads [TASK] (a task id or name; mach:tasks lists them)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public ThreadsCommand() {
    }

    ThreadsCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:threads, every thread. */
    public void threads() {
        print(null, System.out);
    }

    /** The command: mach:threads TASK. */
    public void threads(String task) {
        print(task, System.out);
    }

    /**
     * Prints the table of task {@code task}'s threads, or of every thread if
     * {@code task} is null. A task that ends between the lookup and the
     * listing shows an empty table.
     *
     * @throws IllegalStateException if no kernel is booted
     * @throws IllegalArgumentException if no task, or more than one, answers to {@code task}
     */
    void print(String task, PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        int taskId = task == null ? -1 : TaskLookup.find(debug.tasks(), task, USAGE).id();
        List<ThreadSummary> threads = debug.threads(taskId);
        Table table = new Table()
                .column("TASK", Align.RIGHT)
                .column("ID", Align.RIGHT)
                .column("NAME", Align.LEFT)
                .column("STATE", Align.LEFT)
                .column("BASE", Align.RIGHT)
                .column("CUR", Align.RIGHT)
                .column("POLICY", Align.LEFT)
                .column("CPU", Align.RIGHT)
                .column("USAGE", Align.RIGHT)
                .column("PSET", Align.LEFT)
                .column("CPU#", Align.RIGHT)
                .column("WAITS", Align.LEFT)
                .column("SUSPEND", Align.RIGHT)
                .column("PC", Align.LEFT);
        for (ThreadSummary thread : threads) {
            table.row(thread.taskId(), thread.id(), TasksCommand.orDash(thread.name()),
                    TasksCommand.orDash(thread.state()), thread.basePriority(), thread.curPriority(),
                    policy(thread.policy()), cpuTime(thread.userMicros() + thread.systemMicros()),
                    usage(thread.cpuUsage()),
                    TasksCommand.orDash(thread.processorSet()), thread.processor() < 0 ? "-" : thread.processor(),
                    TasksCommand.orDash(thread.waitsOn()), thread.suspendCount(),
                    thread.pc() == ThreadSummary.NATIVE ? "-" : "0x" + Long.toHexString(thread.pc()));
        }
        Table.print(out, table);
    }

    /** A policy's short name: "timeshare", "fixed", or the name as given for another. */
    static String policy(String name) {
        if (name == null || name.isEmpty()) {
            return "-";
        }
        if (name.equals(Policy.name(Policy.POLICY_TIMESHARE))) {
            return "timeshare";
        }
        if (name.equals(Policy.name(Policy.POLICY_FIXEDPRI))) {
            return "fixed";
        }
        return name.startsWith("POLICY_") ? name.substring("POLICY_".length()).toLowerCase(Locale.ROOT) : name;
    }

    /**
     * A {@code cpu_usage} (scaled by {@link ThreadInfo#TH_USAGE_SCALE}, 1000 a
     * processor kept busy) as a percentage with one decimal, as {@code 97.5%}.
     */
    static String usage(int cpuUsage) {
        int tenths = Math.max(0, cpuUsage) * 1000 / ThreadInfo.TH_USAGE_SCALE;
        return tenths / 10 + "." + tenths % 10 + "%";
    }

    /** CPU time in milliseconds with one decimal, as {@code 12.3ms}. */
    static String cpuTime(long micros) {
        long tenths = (Math.max(0, micros) + 50) / 100;
        return tenths / 10 + "." + tenths % 10 + "ms";
    }
}
