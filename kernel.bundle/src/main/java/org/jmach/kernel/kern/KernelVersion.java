package org.jmach.kernel.kern;

import org.jmach.mach.HostInfo;

/** The kernel version string host_kernel_version returns. */
public final class KernelVersion {

    private KernelVersion() {
    }

    /**
     * Formats the version of a kernel built as {@code release} on this JVM,
     * for example {@code jmach 0.1.0 (Mach 3.0, RISC-V RV64GC; Java 17.0.15)},
     * cut to fit a kernel_version_t.
     */
    public static String of(String release) {
        String version = String.format("jmach %s (Mach 3.0, RISC-V RV64GC; Java %s)",
                release, Runtime.version());
        int max = HostInfo.KERNEL_VERSION_MAX - 1;
        return version.length() <= max ? version : version.substring(0, max);
    }
}
