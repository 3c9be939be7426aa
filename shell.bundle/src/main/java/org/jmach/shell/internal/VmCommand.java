package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.TaskSummary;
import org.jmach.mach.MachDebug.VmRegionSummary;
import org.jmach.shell.internal.Table.Align;
import org.jmach.vm.VmInherit;
import org.jmach.vm.VmProt;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:vm TASK}: lists the regions of one task's address map, a
 * header then one line per region, lowest first: its start and end (one
 * past its last byte) in hex, its current and maximum protection as
 * {@code rw-/rwx}, its inheritance (share, copy or none), the number of the
 * VM object it maps ({@code -} for none: zero-fill memory not touched yet),
 * its offset in that object in hex, its resident pages, and whether the
 * object is mapped elsewhere too.
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
    "osgi.command.function=vm",
})
public final class VmCommand {

    static final String USAGE = "usage: mach:vm TASK (a task id or name; mach:tasks lists them)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public VmCommand() {
    }

    VmCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:vm TASK. */
    public void vm(String task) {
        print(task, System.out);
    }

    /**
     * mach:vm without its argument: fails with a usage line, where Gogo
     * alone would say it cannot coerce {@code vm()}.
     */
    public void vm() {
        throw new IllegalArgumentException(USAGE);
    }

    /**
     * Prints the table of task {@code task}'s regions. A task that ends
     * between the lookup and the listing shows an empty table.
     *
     * @throws IllegalStateException if no kernel is booted
     * @throws IllegalArgumentException if no task, or more than one, answers to {@code task}
     */
    void print(String task, PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        TaskSummary found = TaskLookup.find(debug.tasks(), task, USAGE);
        Table table = new Table()
                .column("START", Align.RIGHT)
                .column("END", Align.RIGHT)
                .column("PROT", Align.LEFT)
                .column("INHERIT", Align.LEFT)
                .column("OBJECT", Align.RIGHT)
                .column("OFFSET", Align.RIGHT)
                .column("RESIDENT", Align.RIGHT)
                .column("SHARED", Align.LEFT);
        for (VmRegionSummary region : debug.vmRegions(found.id())) {
            table.row(hex(region.start()), hex(region.end()),
                    VmProt.toString(region.protection()) + "/" + VmProt.toString(region.maxProtection()),
                    VmInherit.toString(region.inheritance()), region.objectId() == 0 ? "-" : region.objectId(),
                    hex(region.offset()), region.residentPages(), region.shared() ? "yes" : "no");
        }
        Table.print(out, table);
    }

    /** An address, offset or size in hex, as {@code 0x1f000}. */
    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
