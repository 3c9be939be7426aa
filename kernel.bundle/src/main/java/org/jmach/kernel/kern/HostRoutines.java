package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;

import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.mig.MachHostServer;
import org.jmach.kernel.mig.MachHostServerDemux;
import org.jmach.mach.MachHostIds;

/**
 * The kernel's implementation of {@code mach_host.defs} for one request sent
 * to the host port: the routines jmach has, each on the {@link Host} the
 * port stands for ({@code convert_port_to_host}).
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it); no references taken or consumed. Every routine
 * returns KERN_INVALID_HOST when the port is not the host's.
 */
final class HostRoutines implements MachHostServer<Host> {

    private final IpcKobjectRequest rq;

    private HostRoutines(IpcKobjectRequest rq) {
        this.rq = rq;
    }

    /** The subsystem as the kernel serves it: mach_host.defs on the host port. */
    static IpcKobjectServer kobjectServer() {
        return new IpcKobjectServer(MachHostIds.BASE, MachHostIds.END, MachHostServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> MachHostServerDemux.machHostServer(new HostRoutines(rq), rq, in, out));
    }

    /** Routine: convert_port_to_host. Returns: the host, or null if the port is not its port. */
    @Override
    public Host convertPortToHost(int port) {
        return rq.kobject(port) instanceof Host h ? h : null;
    }

    /** Routine: host_info; see {@link Host#hostInfo}. */
    @Override
    public int hostInfo(Host host, int flavor, int[] hostInfoOut, int[] hostInfoOutCnt) {
        return host == null ? KERN_INVALID_HOST : host.hostInfo(flavor, hostInfoOut, hostInfoOutCnt);
    }

    /** Routine: host_kernel_version; see {@link Host#hostKernelVersion}. */
    @Override
    public int hostKernelVersion(Host host, String[] kernelVersion) {
        return host == null ? KERN_INVALID_HOST : host.hostKernelVersion(kernelVersion);
    }
}
