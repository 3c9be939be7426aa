package org.jmach.vm.spi;

import java.util.List;

import org.jmach.vm.VmStatistics;

/**
 * The virtual memory system of one boot: resident pages in the machine's
 * frames, VM objects, address maps, the default memory manager and the
 * pageout daemon.
 *
 * <p>Conditions, for every routine: no VM lock held; the IPC lock may be
 * held (lock order: the IPC lock, then VM's). VM never calls the kernel
 * ({@link PagerChannel}) holding its own lock.
 */
public interface VmSystem {

    /**
     * Not a Mach code: an access needed to wait (for a manager or a free
     * frame) but its thread may not ({@link VmThread#mayBlock}); the caller
     * retries with no lock held.
     */
    int VM_WOULD_BLOCK = -1;

    /** Routine: vm_map_create. Purpose: an empty address map for a task. */
    AddressMap mapCreate();

    /**
     * Routine: vm_map_copyin of kernel data. Purpose: bytes the kernel made
     * (a reply's out-of-line data, a page returned to a manager) as a copy
     * that a map can take with {@link AddressMap#copyout}. Its pages take
     * frames only when touched.
     */
    MapCopy copyFromBytes(byte[] data);

    /** Routine: vm_statistics. */
    VmStatistics statistics();

    /**
     * Routine: vm_set_default_memory_manager. Purpose: sets the default
     * memory manager (a pager handle, consumed; null keeps the current
     * one) and returns a handle to the previous one (null if none), which
     * the caller owns.
     */
    Object setDefaultPager(Object pager);

    /**
     * Routine: vm_object_enter. Purpose: the VM object of a memory object
     * (for vm_map): the existing one, or a new one, initialized with
     * memory_object_init. The pager handle is consumed.
     * Returns null if the pager is dead.
     */
    MemoryObjectControl objectForPager(Object pager, long size);

    /**
     * Routine: vm_object_deallocate. Purpose: drops the reference
     * {@link #objectForPager} gave (a map that maps the object holds its
     * own).
     */
    void objectDeallocate(MemoryObjectControl object);

    /**
     * Purpose: a memory object port died. Its objects fail over to the
     * default memory manager: resident pages (dirty ones included) stay and
     * will be paged out there, waiting faults ask the default manager.
     * Conditions: may be called with the IPC lock held.
     */
    void managerDied(Object pager);

    /**
     * Runs the pageout daemon on the calling thread until
     * {@link #shutdown}: keeps free frames above the target, choosing
     * victims with the current {@link PageoutPolicy}.
     */
    void pageoutDaemon(VmThread self);

    /** Installs a pageout policy (the pages now resident are handed to it). */
    void setPageoutPolicy(PageoutPolicy policy);

    /** The name of the pageout policy in use. */
    String pageoutPolicyName();

    /** The VM objects alive, for consoles. */
    List<VmObjectSummary> objects();

    /** Stops the pageout daemon and wakes every waiting fault (they fail). */
    void shutdown();
}
