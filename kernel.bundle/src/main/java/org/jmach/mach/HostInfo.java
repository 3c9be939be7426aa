package org.jmach.mach;

/**
 * Flavors and sizes of {@code host_info}, as in Mach's
 * {@code <mach/host_info.h>}. A {@code host_info_t} is an array of
 * {@code integer_t} (32-bit) words; counts are in words, for the LP64 user
 * ABI, where {@code memory_size} is a 64-bit {@code vm_size_t} aligned to 8
 * bytes and so takes words 2 and 3, low word first.
 */
public final class HostInfo {

    /** Largest array {@code host_info} fills (HOST_INFO_MAX). */
    public static final int HOST_INFO_MAX = 1024;
    /** Size of a {@code kernel_version_t}, NUL included (KERNEL_VERSION_MAX). */
    public static final int KERNEL_VERSION_MAX = 512;

    /** Basic information: processors, memory, machine type. */
    public static final int HOST_BASIC_INFO = 1;
    /** Processor slot numbers. */
    public static final int HOST_PROCESSOR_SLOTS = 2;
    /** Scheduling information: minimum timeout and quantum. */
    public static final int HOST_SCHED_INFO = 3;
    /** Load averages and Mach factors. */
    public static final int HOST_LOAD_INFO = 4;

    /** Words in a host_basic_info: max_cpus, avail_cpus, memory_size (2), cpu_type, cpu_subtype. */
    public static final int HOST_BASIC_INFO_COUNT = 6;
    /** Words in a host_sched_info: min_timeout, min_quantum. */
    public static final int HOST_SCHED_INFO_COUNT = 2;

    private HostInfo() {
    }
}
