package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.IpcPort;
import org.jmach.mach.HostBasicInfo;
import org.jmach.mach.HostInfo;
import org.jmach.mach.HostSchedInfo;

/**
 * The host: the machine as the kernel describes it to tasks (GNU Mach's
 * {@code kern/host.c}, with {@code machine_info} folded in), and the
 * routines of {@code mach_host.defs} that need no other kernel object.
 *
 * <p>Lifecycle: a host is created active by {@link Startup#setupMain} and made
 * inactive once, by {@link Startup#shutdown}; an inactive host answers every
 * routine with KERN_INVALID_HOST. Its other fields never change, so the
 * routines take no lock.
 */
public final class Host {

    private final int maxCpus;
    private final int availCpus;
    private final long memorySize;
    private final int cpuType;
    private final int cpuSubtype;
    private final int clockHz;
    private final String kernelVersion;
    private volatile boolean active = true;
    private volatile IpcPort port;
    private volatile IpcPort privPort;
    private volatile SchedPrim sched;

    Host(int maxCpus, int availCpus, long memorySize, int cpuType, int cpuSubtype,
            int clockHz, String kernelVersion) {
        this.maxCpus = maxCpus;
        this.availCpus = availCpus;
        this.memorySize = memorySize;
        this.cpuType = cpuType;
        this.cpuSubtype = cpuSubtype;
        this.clockHz = clockHz;
        this.kernelVersion = kernelVersion;
    }

    /**
     * Routine: host_info. Purpose: return information about the host, in
     * the flavor asked for.
     *
     * <p>Conditions: nothing locked; takes and consumes no references.
     *
     * <p>Returns: KERN_SUCCESS with {@code count[0]} set to the words filled;
     * KERN_INVALID_HOST if the host is no longer active; KERN_INVALID_ARGUMENT
     * if an array is missing, {@code count[0]} is negative or exceeds
     * {@code info.length}, or the flavor is not HOST_BASIC_INFO,
     * HOST_PROCESSOR_SLOTS or HOST_SCHED_INFO; KERN_FAILURE if
     * {@code count[0]} is smaller than the flavor needs.
     */
    public int hostInfo(int flavor, int[] info, int[] count) {
        if (!active) {
            return KERN_INVALID_HOST;
        }
        if (info == null || count == null || count.length < 1
                || count[0] < 0 || count[0] > info.length) {
            return KERN_INVALID_ARGUMENT;
        }
        switch (flavor) {
            case HostInfo.HOST_BASIC_INFO:
                if (count[0] < HostInfo.HOST_BASIC_INFO_COUNT) {
                    return KERN_FAILURE;
                }
                new HostBasicInfo(maxCpus, availCpus, memorySize, cpuType, cpuSubtype).encode(info);
                count[0] = HostInfo.HOST_BASIC_INFO_COUNT;
                return KERN_SUCCESS;
            case HostInfo.HOST_PROCESSOR_SLOTS:
                if (count[0] < maxCpus) {
                    return KERN_FAILURE;
                }
                for (int slot = 0; slot < availCpus; slot++) {
                    info[slot] = slot;
                }
                count[0] = availCpus;
                return KERN_SUCCESS;
            case HostInfo.HOST_SCHED_INFO:
                if (count[0] < HostInfo.HOST_SCHED_INFO_COUNT) {
                    return KERN_FAILURE;
                }
                new HostSchedInfo(minTimeoutMillis(), minQuantumMillis()).encode(info);
                count[0] = HostInfo.HOST_SCHED_INFO_COUNT;
                return KERN_SUCCESS;
            default:
                return KERN_INVALID_ARGUMENT;
        }
    }

    /**
     * Routine: host_kernel_version. Purpose: return the kernel's version
     * string.
     *
     * <p>Conditions: nothing locked; takes and consumes no references.
     *
     * <p>Returns: KERN_SUCCESS with the string in {@code version[0]};
     * KERN_INVALID_HOST if the host is no longer active;
     * KERN_INVALID_ARGUMENT if {@code version} is missing or empty.
     */
    public int hostKernelVersion(String[] version) {
        if (!active) {
            return KERN_INVALID_HOST;
        }
        if (version == null || version.length < 1) {
            return KERN_INVALID_ARGUMENT;
        }
        version[0] = kernelVersion;
        return KERN_SUCCESS;
    }

    /** The clock tick, the shortest timeout: 1000/hz ms, at least 1. */
    int minTimeoutMillis() {
        return Math.max(1, 1000 / clockHz);
    }

    /** Mach's min_quantum is hz/10 ticks: ten context switches a second. */
    int minQuantumMillis() {
        int ticks = Math.max(1, clockHz / 10);
        return Math.max(1, ticks * 1000 / clockHz);
    }

    /** The host's kernel port (GNU Mach's host name port), which host_self names. */
    IpcPort port() {
        return port;
    }

    /** Sets the host's kernel port; once, at boot. */
    void setPort(IpcPort port) {
        this.port = port;
    }

    /** The privileged host port (host_priv), which raising priorities and ceilings needs. */
    IpcPort privPort() {
        return privPort;
    }

    int cpuType() {
        return cpuType;
    }

    int cpuSubtype() {
        return cpuSubtype;
    }

    /** The processors and sets of this host; set once, at boot. */
    SchedPrim sched() {
        return sched;
    }

    /** Sets the privileged port and the scheduler; once, at boot. */
    void attach(IpcPort privPort, SchedPrim sched) {
        this.privPort = privPort;
        this.sched = sched;
    }

    boolean isActive() {
        return active;
    }

    /** Makes the host inactive; called once, by shutdown. */
    void deactivate() {
        active = false;
    }
}
