package org.jmach.vm.spi;

/**
 * vm_map_copy_t: a snapshot of a range of memory on its way somewhere (the
 * out-of-line data of a message, vm_read's result, vm_write's source),
 * holding copy-on-write references to the pages, so that making it costs
 * no copy of the data. It is consumed exactly once: by
 * {@link AddressMap#copyout}, {@link AddressMap#overwrite} or
 * {@link #discard}.
 */
public interface MapCopy {

    /** Its size in bytes. */
    long size();

    /**
     * Routine: vm_map_copy_discard. Purpose: drops the copy and its
     * references. Conditions: the copy is consumed.
     */
    void discard();

    /**
     * Reads the copy's bytes for the kernel (a kernel routine's out-of-line
     * argument). Returns the bytes, or null if a page is not resident and
     * {@code thread} may not wait ({@link VmThread#faultAddress} then says
     * which); a page its manager fails reads as zeros. Conditions: the copy
     * is not consumed.
     */
    byte[] read(VmThread thread);
}
