package org.jmach.vm.spi;

/**
 * One region of an address map (vm_region's answer, and a line of
 * {@code mach:vm}).
 *
 * @param start first address
 * @param end one past the last address
 * @param protection current protection (VM_PROT_*)
 * @param maxProtection maximum protection
 * @param inheritance VM_INHERIT_*
 * @param shared whether the region is shared with another task by inheritance (vm_region's is_shared)
 * @param object the VM object, null for none yet (zero-fill not touched)
 * @param objectId the object's number, for consoles (0 for none)
 * @param offset offset of {@code start} in the object
 * @param residentPages resident pages of this region's part of the object chain
 */
public record VmRegion(long start, long end, int protection, int maxProtection, int inheritance, boolean shared,
        MemoryObjectControl object, int objectId, long offset, int residentPages) {
}
