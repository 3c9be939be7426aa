package org.jmach.vm.spi;

import org.jmach.hw.PhysicalMemory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The VM bundle's service: boots a virtual memory system on a machine's
 * physical memory for one boot of the kernel.
 */
@ProviderType
public interface VirtualMemory {

    /**
     * Routine: vm_mem_init. Purpose: a virtual memory system that owns every
     * frame of {@code memory}, talking to memory managers through
     * {@code pagers}. Conditions: once per kernel boot; the system lives
     * until {@link VmSystem#shutdown}.
     */
    VmSystem boot(PhysicalMemory memory, PagerChannel pagers);
}
