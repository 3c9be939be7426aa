package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.PortName;
import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.Port;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:ports TASK}: lists the names of one task's IPC space, a header
 * then one line per name: the name in hex, its type, its user references and,
 * for a receive right, the port's message count, queue limit and sequence
 * number ({@code -} for other rights).
 *
 * <p>TASK is a task id, or a task name as {@code mach:tasks} shows it
 * ({@link TaskLookup}). An unknown task, or a name several tasks share,
 * fails the command with an {@link IllegalArgumentException} saying so.
 *
 * <p>A Gogo command like {@link HostCommand}; see {@link TasksCommand}.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=ports",
})
public final class PortsCommand {

    static final String USAGE = "usage: mach:ports TASK (a task id or name; mach:tasks lists them)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public PortsCommand() {
    }

    PortsCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:ports TASK. */
    public void ports(String task) {
        print(task, System.out);
    }

    /**
     * mach:ports without its argument: fails with a usage line, where Gogo
     * alone would say it cannot coerce {@code ports()}.
     */
    public void ports() {
        throw new IllegalArgumentException(USAGE);
    }

    /**
     * Prints the table of task {@code task}'s names. A task that ends between
     * the lookup and the listing shows an empty table.
     *
     * @throws IllegalStateException if no kernel is booted
     * @throws IllegalArgumentException if no task, or more than one, answers to {@code task}
     */
    void print(String task, PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        TaskSummary found = TaskLookup.find(debug.tasks(), task, USAGE);
        Table table = new Table()
                .column("NAME", Align.RIGHT)
                .column("TYPE", Align.LEFT)
                .column("UREFS", Align.RIGHT)
                .column("MSGCOUNT", Align.RIGHT)
                .column("QLIMIT", Align.RIGHT)
                .column("SEQNO", Align.RIGHT);
        for (PortName name : debug.portNames(found.id())) {
            boolean receive = (name.type() & Port.MACH_PORT_TYPE_RECEIVE) != 0;
            table.row("0x" + Integer.toHexString(name.name()), Port.typeName(name.type()), name.urefs(),
                    receive ? name.msgcount() : "-", receive ? name.qlimit() : "-", receive ? name.seqno() : "-");
        }
        Table.print(out, table);
    }
}
