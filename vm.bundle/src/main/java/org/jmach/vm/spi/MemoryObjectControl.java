package org.jmach.vm.spi;

/**
 * A VM object as its memory manager reaches it: the kernel object behind
 * the object's control port (memory_object_control_t) and name port
 * (memory_object_name_t). The manager's calls on the control port
 * (mach.defs) arrive here.
 *
 * <p>Conditions, for every routine: no VM lock held; the IPC lock may be
 * held; none waits. A {@code reply} is the kernel's handle to a reply port
 * (send-once or send right) that the routine consumes: it is given back to
 * {@link PagerChannel} with the completion, or released.
 */
public interface MemoryObjectControl {

    /** The object's number, for consoles. */
    int objectId();

    /** The kernel's slot for the object's ports (its control and name ports). */
    Object ports();

    /** Sets the kernel's slot; conditions: under the kernel's own lock. */
    void setPorts(Object ports);

    /**
     * Routine: memory_object_ready. Purpose: the manager has initialized
     * the object; faults may now ask it for data. Returns: KERN_SUCCESS;
     * KERN_INVALID_ARGUMENT for an unknown copy strategy.
     */
    int ready(boolean mayCache, int copyStrategy);

    /**
     * Routine: memory_object_data_supply. Purpose: pages for the object
     * (whole pages of {@code data} at a page-aligned {@code offset}),
     * locked against {@code lockValue}; precious pages are returned to the
     * manager, never dropped. With a reply, supply_completed follows.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unaligned offset
     * or size.
     */
    int dataSupply(long offset, byte[] data, int lockValue, boolean precious, Object reply);

    /**
     * Routine: memory_object_data_unavailable. Purpose: the manager has no
     * data there: faults zero-fill. Returns: KERN_SUCCESS;
     * KERN_INVALID_ARGUMENT for an unaligned range.
     */
    int dataUnavailable(long offset, long size);

    /**
     * Routine: memory_object_data_error. Purpose: the data cannot be had:
     * faults there fail with KERN_MEMORY_ERROR. Returns: KERN_SUCCESS;
     * KERN_INVALID_ARGUMENT for an unaligned range.
     */
    int dataError(long offset, long size, int reason);

    /**
     * Routine: memory_object_lock_request. Purpose: for each resident page
     * of the range, return it (MEMORY_OBJECT_RETURN_NONE, _DIRTY, _ALL),
     * flush it, and/or lock it against {@code lockValue} (VM_PROT_NO_CHANGE
     * keeps the lock); then lock_completed to {@code reply} if given.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for bad arguments.
     */
    int lockRequest(long offset, long size, int shouldReturn, boolean shouldFlush, int lockValue, Object reply);

    /**
     * Routine: memory_object_change_attributes (and the older
     * memory_object_set_attributes, with {@code ready}). Returns:
     * KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown copy strategy.
     */
    int changeAttributes(boolean mayCache, int copyStrategy, Object reply);

    /**
     * Routine: memory_object_get_attributes. {@code out} receives ready (1
     * or 0), may_cache (1 or 0) and the copy strategy. Returns KERN_SUCCESS.
     */
    int getAttributes(int[] out);

    /**
     * Routine: memory_object_destroy. Purpose: the manager ends the object:
     * its mappings fault with KERN_MEMORY_FAILURE from now on and the
     * kernel terminates it. Returns: KERN_SUCCESS.
     */
    int destroy(int reason);
}
