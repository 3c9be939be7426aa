package org.jmach.hw;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The simulated machine: a fixed number of processors, physical memory made
 * of {@link #PAGE_SIZE}-byte frames, and a clock that interrupts
 * {@link #clockHz()} times a second.
 *
 * <p>One instance is registered as a service per configuration of the PID
 * {@code org.jmach.hw}; a new configuration replaces the instance, which is
 * how the kernel learns that the machine was rebuilt and must reboot.
 */
@ProviderType
public interface Machine {

    /** Size in bytes of a page frame, and of a page everywhere in jmach. */
    int PAGE_SIZE = 4096;

    /** Most processors a machine may have (Mach's NCPUS). */
    int MAX_PROCESSORS = 64;

    /** Number of processors installed in the machine. */
    int processorCount();

    /** Size of physical memory in bytes, a multiple of {@link #PAGE_SIZE}. */
    long memorySize();

    /** Clock interrupts per second. */
    int clockHz();

    /** The machine's physical memory. */
    PhysicalMemory physicalMemory();
}
