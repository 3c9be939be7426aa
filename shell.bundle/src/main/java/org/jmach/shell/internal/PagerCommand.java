package org.jmach.shell.internal;

import java.io.PrintStream;
import java.util.function.Function;

import org.jmach.mach.MachNativeTasks;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:pager}: which implementation serves as the default pager and
 * what it counts (pages in and out, zero fills, records read and written),
 * its paging area's space, then a table of its memory objects with the
 * pages each has in the paging area. The pager is asked by messages, as
 * Mach's tools ask it ({@link PagerQuery}).
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=pager",
})
public final class PagerCommand {

    /** The names of default_pager_statistics' counters, in its order. */
    static final String[] STATISTICS = {
        "pageins", "pageouts", "zero_fills", "objects", "pages_stored", "records_read", "records_written",
        "generation",
    };

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachNativeTasks tasks;
    private final Function<MachNativeTasks, PagerView> query;

    public PagerCommand() {
        this.query = PagerQuery::query;
    }

    PagerCommand(MachNativeTasks tasks, Function<MachNativeTasks, PagerView> query) {
        this.tasks = tasks;
        this.query = query;
    }

    /** The command: mach:pager. */
    public void pager() {
        print(System.out);
    }

    void print(PrintStream out) {
        PagerView v = query.apply(Kernel.booted(tasks));
        Table summary = new Table().column("NAME", Align.LEFT).column("VALUE", Align.LEFT);
        summary.row("implementation", v.implementation());
        summary.row("task", v.taskId());
        for (int i = 0; i < STATISTICS.length && i < v.statistics().length; i++) {
            summary.row(STATISTICS[i], v.statistics()[i]);
        }
        summary.row("space_total", v.info()[0]);
        summary.row("space_free", v.info()[1]);
        summary.row("pagesize", v.info()[2]);
        Table objects = new Table().column("OBJECT", Align.RIGHT).column("SIZE", Align.RIGHT)
                .column("PAGES", Align.RIGHT);
        for (PagerView.ObjectPages o : v.objects()) {
            objects.row(String.format("0x%x", o.name()), String.format("0x%x", o.size()),
                    o.pages() < 0 ? "?" : String.valueOf(o.pages()));
        }
        Table.print(out, summary, objects);
    }
}
