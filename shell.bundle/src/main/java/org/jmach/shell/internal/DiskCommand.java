package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachDebug;
import org.jmach.mach.MachDebug.DiskSummary;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:disk}: the machine's disks as Mach's device interface knows
 * them, one row each: the device name device_open takes, its size in
 * records and the record size, the requests completed (reads, writes), the
 * bytes moved, the requests queued or in service, and the host file that
 * holds it. A machine without a disk prints the header only.
 *
 * <p>A Gogo command like {@link TasksCommand}, reading the kernel through
 * {@link MachDebug}.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=disk",
})
public final class DiskCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachDebug debug;

    public DiskCommand() {
    }

    DiskCommand(MachDebug debug) {
        this.debug = debug;
    }

    /** The command: mach:disk. */
    public void disk() {
        print(System.out);
    }

    /**
     * Prints the table of the disks in one write.
     *
     * @throws IllegalStateException if no kernel is booted
     */
    void print(PrintStream out) {
        MachDebug debug = Kernel.booted(this.debug);
        Table table = new Table()
                .column("NAME", Align.LEFT)
                .column("RECORDS", Align.RIGHT)
                .column("RECSIZE", Align.RIGHT)
                .column("READS", Align.RIGHT)
                .column("WRITES", Align.RIGHT)
                .column("BYTES_READ", Align.RIGHT)
                .column("BYTES_WRITTEN", Align.RIGHT)
                .column("PENDING", Align.RIGHT)
                .column("PATH", Align.LEFT);
        for (DiskSummary d : debug.disks()) {
            table.row(d.name(), d.records(), d.recordSize(), d.reads(), d.writes(), d.bytesRead(), d.bytesWritten(),
                    d.pending(), d.path());
        }
        Table.print(out, table);
    }
}
