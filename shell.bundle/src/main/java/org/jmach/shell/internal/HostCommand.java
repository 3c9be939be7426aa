package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.HostSchedInfo;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachHost;
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
 * <p>The host is a dynamic reference: the command stays while the kernel
 * reboots or is missing, and says so instead of vanishing.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=host",
})
public final class HostCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachHost host;

    public HostCommand() {
    }

    HostCommand(MachHost host) {
        this.host = host;
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
     *         one fails; the shell reports it as the command's failure
     */
    void print(PrintStream out) {
        MachHost host = Kernel.booted(this.host);
        int[] words = new int[HostInfo.HOST_BASIC_INFO_COUNT];
        check("host_info(HOST_BASIC_INFO)", host.hostInfo(HostInfo.HOST_BASIC_INFO, words, new int[] {words.length}));
        HostBasicInfo basic = HostBasicInfo.decode(words);
        words = new int[HostInfo.HOST_SCHED_INFO_COUNT];
        check("host_info(HOST_SCHED_INFO)", host.hostInfo(HostInfo.HOST_SCHED_INFO, words, new int[] {words.length}));
        HostSchedInfo sched = HostSchedInfo.decode(words);
        String[] version = new String[1];
        check("host_kernel_version", host.hostKernelVersion(version));

        StringBuilder text = new StringBuilder();
        line(text, "max_cpus", basic.maxCpus());
        line(text, "avail_cpus", basic.availCpus());
        line(text, "memory_size", basic.memorySize());
        line(text, "cpu_type", basic.cpuType());
        line(text, "cpu_subtype", basic.cpuSubtype());
        line(text, "min_timeout", sched.minTimeout());
        line(text, "min_quantum", sched.minQuantum());
        line(text, "kernel_version", version[0]);
        out.print(text);
        out.flush();
    }

    private static void line(StringBuilder text, String name, Object value) {
        text.append(name).append(' ').append(value).append(System.lineSeparator());
    }

    private static void check(String routine, int kr) {
        if (kr != KernReturn.KERN_SUCCESS) {
            throw new IllegalStateException(routine + " failed: " + KernReturn.name(kr));
        }
    }
}
