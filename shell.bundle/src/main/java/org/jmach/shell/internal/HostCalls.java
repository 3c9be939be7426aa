package org.jmach.shell.internal;

/**
 * The host routines {@code mach:host} calls, on one host port: a seam
 * between what the command prints and how the kernel is reached, so that the
 * command's formatting and error handling are tested without a kernel.
 * Each method returns a Mach code, KERN_SUCCESS or the error the routine (or
 * its message) got.
 */
interface HostCalls {

    /** {@code host_info(host, flavor, info, &count)}; {@code count[0]} is the capacity in, the count out. */
    int hostInfo(int flavor, int[] info, int[] count);

    /** {@code host_kernel_version(host, &version)}; the version in {@code version[0]}. */
    int hostKernelVersion(String[] version);
}
