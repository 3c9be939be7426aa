package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:tasks}: lists the kernel's tasks, a header then one line per
 * task: its id, name, state ("active", or "suspended" while its suspend
 * count is above 0), suspend count, number of threads and number of names
 * in its IPC space.
 *
 * <p>A Gogo command like {@link HostCommand}, for the embedded console and
 * Karaf alike; it reads the kernel through {@link MachDebug}, a dynamic
 * reference, so it stays while no kernel is booted and says so.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=tasks",
})
public final class TasksCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public TasksCommand() {
    }

    TasksCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:tasks. */
    public void tasks() {
        print(System.out);
    }

    /**
     * Prints the table of tasks.
     *
     * @throws IllegalStateException if no kernel is booted
     */
    void print(PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        Table table = new Table()
                .column("ID", Align.RIGHT)
                .column("NAME", Align.LEFT)
                .column("STATE", Align.LEFT)
                .column("SUSPEND", Align.RIGHT)
                .column("THREADS", Align.RIGHT)
                .column("NAMES", Align.RIGHT);
        for (TaskSummary task : debug.tasks()) {
            table.row(task.id(), displayName(task), orDash(task.state()), task.suspendCount(), task.threads(),
                    task.portNames());
        }
        Table.print(out, table);
    }

    /** A task's name as the console shows it: "-" for a task without one. */
    static String displayName(TaskSummary task) {
        return orDash(task.name());
    }

    /** A text cell as the console shows it: "-" for none. */
    static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }
}
