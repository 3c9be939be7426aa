package org.jmach.vm.spi;

/**
 * What VM says to memory managers: the kernel's side of
 * {@code memory_object.defs} and {@code memory_object_default.defs},
 * implemented by the kernel as messages. A {@code pager} is the kernel's
 * handle to a send right for a memory object port; {@code reply} a handle
 * given to a {@link MemoryObjectControl} routine.
 *
 * <p>Conditions: VM calls these holding no VM lock; they never wait for
 * the manager (all are simpleroutines). A message to a dead manager is
 * dropped; VM learns of the death by {@link VmSystem#managerDied}.
 */
public interface PagerChannel {

    /** memory_object_init: the kernel starts using the object. */
    void init(Object pager, MemoryObjectControl control, long pageSize);

    /** memory_object_data_request: a fault wants these pages. */
    void dataRequest(Object pager, MemoryObjectControl control, long offset, long length, int desiredAccess);

    /** memory_object_data_unlock: a fault wants more access to locked pages. */
    void dataUnlock(Object pager, MemoryObjectControl control, long offset, long length, int desiredAccess);

    /** memory_object_data_return: pages going back (pageout, lock_request, termination). */
    void dataReturn(Object pager, MemoryObjectControl control, long offset, byte[] data, boolean dirty,
            boolean kernelCopy);

    /** memory_object_lock_completed, to the reply port of a lock_request (consumes it). */
    void lockCompleted(Object reply, MemoryObjectControl control, long offset, long length);

    /** memory_object_supply_completed, to the reply port of a data_supply (consumes it). */
    void supplyCompleted(Object reply, MemoryObjectControl control, long offset, long length, int result,
            long errorOffset);

    /** memory_object_change_completed, to the reply port of change_attributes (consumes it). */
    void changeCompleted(Object reply, boolean mayCache, int copyStrategy);

    /** memory_object_terminate: the kernel is done with the object; the pager handle is consumed. */
    void terminate(Object pager, MemoryObjectControl control);

    /**
     * memory_object_create to the default memory manager: a new memory
     * object port for an internal object about to be paged out, its receive
     * right given to the manager. Returns the kernel's handle to its send
     * right, or null if there is no default manager.
     */
    Object create(Object defaultPager, MemoryObjectControl control, long size, long pageSize);

    /**
     * memory_object_copy, for an object whose copy strategy is
     * MEMORY_OBJECT_COPY_CALL: a new memory object port, its receive right
     * given to the manager, will stand for a copy of [offset, offset +
     * length). Returns the kernel's handle to its send right, or null if the
     * manager is gone.
     */
    Object copy(Object pager, MemoryObjectControl control, long offset, long length);

    /** memory_object_data_initialize: the first pageout of pages of an internal object. */
    void dataInitialize(Object pager, MemoryObjectControl control, long offset, byte[] data);

    /** Releases a handle VM no longer needs (a pager's send right, an unused reply). */
    void release(Object handle);

    /** Whether the pager's port is still alive. */
    boolean alive(Object pager);

    /**
     * How many messages wait in the pager's queue, not yet received: the
     * pages in transit to it (GNU Mach's laundry). The pageout daemon sends
     * no more dirty pages to a pager whose queue is this long, so that
     * evicted pages do not pile up in messages faster than the pager can
     * store them. Called with VM's lock held: an implementation must not
     * wait for another lock (it may answer 0 when it cannot tell at once).
     */
    default int backlog(Object pager) {
        return 0;
    }
}
