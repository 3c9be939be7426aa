package org.jmach.mach;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The host interface ({@code mach_host.defs}) on the host name port. The
 * kernel registers one instance as an OSGi service while it is booted; the
 * service stands for a send right to the host port until IPC carries these
 * routines as messages. Arguments and results follow the C interface:
 * out-parameters are one-element arrays, arrays of words carry their count.
 */
@ProviderType
public interface MachHost {

    /**
     * {@code host_info(host, flavor, host_info_out, &host_info_outCnt)}:
     * returns information about the host.
     *
     * @param flavor a {@link HostInfo} HOST_*_INFO flavor
     * @param hostInfoOut receives the information, as words
     * @param hostInfoOutCnt on entry {@code hostInfoOutCnt[0]} is the number of
     *        words the caller can take (at most {@code hostInfoOut.length});
     *        on success, the number filled in
     * @return KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown flavor or a
     *         count larger than the array; KERN_FAILURE if the count is too
     *         small for the flavor; KERN_INVALID_HOST if the kernel has shut down
     */
    int hostInfo(int flavor, int[] hostInfoOut, int[] hostInfoOutCnt);

    /**
     * {@code host_kernel_version(host, &kernel_version)}: the kernel's
     * version string, at most {@link HostInfo#KERNEL_VERSION_MAX} - 1 characters.
     *
     * @param kernelVersion receives the string in {@code kernelVersion[0]}
     * @return KERN_SUCCESS; KERN_INVALID_ARGUMENT if {@code kernelVersion} is
     *         empty; KERN_INVALID_HOST if the kernel has shut down
     */
    int hostKernelVersion(String[] kernelVersion);
}
