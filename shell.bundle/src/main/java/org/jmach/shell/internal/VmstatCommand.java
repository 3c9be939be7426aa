package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.VmObjectSummary;
import org.jmach.mach.MachDebug.VmStatSummary;
import org.jmach.shell.internal.Table.Align;
import org.jmach.vm.MemoryObjectConstants;
import org.jmach.vm.VmStatistics;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:vmstat}: the virtual memory system at a glance. First what
 * vm_statistics says, one {@code name value} a line under the names of
 * Mach's {@code vm_statistics_data_t} (pagesize in bytes, the counts in
 * pages, the rest events since boot), then the pageout policy in use; then,
 * a blank line apart, a table of the VM objects alive: number, size in hex,
 * references, resident pages, the object it shadows ({@code -} for none),
 * whether it is internal (anonymous memory), its pager's state (none,
 * external, default, dead) and its copy strategy.
 *
 * <p>A Gogo command like {@link TasksCommand}, reading the kernel through
 * {@link MachDebug}.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=vmstat",
})
public final class VmstatCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public VmstatCommand() {
    }

    VmstatCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:vmstat. */
    public void vmstat() {
        print(System.out);
    }

    /**
     * Prints the statistics and the pageout policy, then the VM objects, in
     * one write.
     *
     * @throws IllegalStateException if no kernel is booted
     */
    void print(PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        VmStatSummary summary = debug.vmStatistics();
        VmStatistics s = summary.statistics();
        Object[] figures = {
            "pagesize", s.pagesize(),
            "free_count", s.freeCount(),
            "active_count", s.activeCount(),
            "inactive_count", s.inactiveCount(),
            "wire_count", s.wireCount(),
            "zero_fill_count", s.zeroFillCount(),
            "reactivations", s.reactivations(),
            "pageins", s.pageins(),
            "pageouts", s.pageouts(),
            "faults", s.faults(),
            "cow_faults", s.cowFaults(),
            "lookups", s.lookups(),
            "hits", s.hits(),
            "pageout_policy", TasksCommand.orDash(summary.pageoutPolicy()),
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < figures.length; i += 2) {
            text.append(figures[i]).append(' ').append(figures[i + 1]).append(System.lineSeparator());
        }
        text.append(System.lineSeparator());
        objects(debug).appendTo(text);
        out.print(text);
        out.flush();
    }

    /** The table of the VM objects. */
    private static Table objects(MachDebug debug) {
        Table table = new Table()
                .column("OBJECT", Align.RIGHT)
                .column("SIZE", Align.RIGHT)
                .column("REFS", Align.RIGHT)
                .column("RESIDENT", Align.RIGHT)
                .column("SHADOW", Align.RIGHT)
                .column("INTERNAL", Align.LEFT)
                .column("PAGER", Align.LEFT)
                .column("COPY", Align.LEFT);
        for (VmObjectSummary o : debug.vmObjects()) {
            table.row(o.id(), VmCommand.hex(o.size()), o.references(), o.residentPages(),
                    o.shadowId() == 0 ? "-" : o.shadowId(), o.internal() ? "yes" : "no",
                    TasksCommand.orDash(o.pagerState()), MemoryObjectConstants.copyStrategyName(o.copyStrategy()));
        }
        return table;
    }
}
