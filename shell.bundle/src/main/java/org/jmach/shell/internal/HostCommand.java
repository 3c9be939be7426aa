package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.HostSchedInfo;
import org.jmach.mach.MachNativeTasks;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:host}: prints what host_info says of the host, one
 * {@code name value} a line, then the kernel version.
 *
 * <p>Registered as a Gogo command (the {@code osgi.command.*} service
 * properties), which both the embedded Gogo runtime and Karaf's shell pick up,
 * so one class serves both consoles. Output goes to {@code System.out}, which
 * either shell points at the calling session.
 *
 * <p>Like any user-level code, the command reaches the host by messages to
 * the host port: each run is a short-lived task whose native thread calls
 * the MIG stubs ({@link NativeHostQuery}). The tasks come from
 * {@link MachNativeTasks}, a dynamic reference: the command stays while the
 * kernel reboots or is missing, and says so instead of vanishing.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=host",
})
public final class HostCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachNativeTasks tasks;

    /** Set by tests in place of the kernel; null for the component. */
    private final HostQuery fixedQuery;

    public HostCommand() {
        this.fixedQuery = null;
    }

    /** A command that asks {@code query}, or the kernel's tasks if it is null. */
    HostCommand(HostQuery query) {
        this.fixedQuery = query;
    }

    /** The command: mach:host. */
    public void host() {
        print(System.out);
    }

    /**
     * Queries the host and prints the figures. Nothing is printed unless
     * every query succeeds.
     *
     * @throws IllegalStateException naming the routine and the Mach error when
     *         one fails, or saying that no kernel is booted or that the host
     *         did not answer in time; the shell reports it as the command's
     *         failure
     */
    void print(PrintStream out) {
        Figures figures = hostQuery().query(HostCommand::ask);

        StringBuilder text = new StringBuilder();
        line(text, "max_cpus", figures.basic().maxCpus());
        line(text, "avail_cpus", figures.basic().availCpus());
        line(text, "memory_size", figures.basic().memorySize());
        line(text, "cpu_type", figures.basic().cpuType());
        line(text, "cpu_subtype", figures.basic().cpuSubtype());
        line(text, "min_timeout", figures.sched().minTimeout());
        line(text, "min_quantum", figures.sched().minQuantum());
        line(text, "kernel_version", figures.version());
        out.print(text);
        out.flush();
    }

    /** The fake of a test, or the booted kernel's host. */
    private HostQuery hostQuery() {
        return fixedQuery != null ? fixedQuery : new NativeHostQuery(Kernel.booted(tasks));
    }

    /** The calls, in the order the figures are printed; the first that fails ends the query. */
    private static Figures ask(HostCalls host) {
        int[] words = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        Kernel.check("host_info(HOST_BASIC_INFO)",
                host.hostInfo(HostInfo.HOST_BASIC_INFO, words, new int[] {words.length}));
        HostBasicInfo basic = HostBasicInfo.decode(words);
        words = new int[HostInfo.HOST_SCHED_INFO_COUNT];
        Kernel.check("host_info(HOST_SCHED_INFO)",
                host.hostInfo(HostInfo.HOST_SCHED_INFO, words, new int[] {words.length}));
        HostSchedInfo sched = HostSchedInfo.decode(words);
        String[] version = new String[1];
        Kernel.check("host_kernel_version", host.hostKernelVersion(version));
        return new Figures(basic, sched, version[0]);
    }

    /** What mach:host prints, gathered on the querying thread and handed back. */
    private record Figures(HostBasicInfo basic, HostSchedInfo sched, String version) {
    }

    private static void line(StringBuilder text, String name, Object value) {
        text.append(name).append(' ').append(value).append(System.lineSeparator());
    }

}
