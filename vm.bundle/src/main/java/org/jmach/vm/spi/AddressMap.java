package org.jmach.vm.spi;

import java.util.List;

/**
 * A task's address map (GNU Mach's {@code vm_map_t}): a sparse 64-bit
 * address space of entries, each over a VM object at an offset, with its
 * current and maximum protection and its inheritance. User addresses run
 * from {@link #MIN_ADDRESS} to {@link #MAX_ADDRESS}.
 *
 * <p>Conditions, for every routine: no VM lock held by the caller; the IPC
 * lock may be held (nothing here waits for a manager, except
 * {@link #load}/{@link #store} with a thread that may block).
 */
public interface AddressMap {

    /** Lowest user address (page 0 stays unmapped, so that a null pointer faults). */
    long MIN_ADDRESS = 0x1000L;
    /** One past the highest user address: 47 bits, as Sv48 user space. */
    long MAX_ADDRESS = 1L << 47;

    /**
     * Routine: vm_allocate. Purpose: zero-filled memory, read/write,
     * inheritance copy. {@code address[0]} is the wanted address (truncated
     * to a page) and receives the one given.
     * Returns: KERN_SUCCESS; KERN_INVALID_ADDRESS for a range outside the
     * user space; KERN_NO_SPACE if the range is in use (fixed), there is no
     * room (anywhere) or the task's size limit would be passed;
     * KERN_INVALID_ARGUMENT for a size below zero or beyond the user space. A size of zero gives
     * KERN_SUCCESS and maps nothing, as in Mach.
     */
    int allocate(long[] address, long size, boolean anywhere);

    /**
     * Routine: vm_map (the kernel side of mach.defs 2089). Purpose: maps
     * {@code object} (a VM object, from {@link VmSystem#objectForPager} or
     * null for zero-fill memory) at {@code offset}; {@code copy} maps a
     * copy-on-write copy of it instead. {@code mask} is an alignment mask.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for bad protections,
     * inheritance or an unaligned offset; KERN_INVALID_ADDRESS;
     * KERN_NO_SPACE.
     */
    int map(long[] address, long size, long mask, boolean anywhere, MemoryObjectControl object, long offset,
            boolean copy, int curProtection, int maxProtection, int inheritance);

    /**
     * Routine: vm_deallocate. Purpose: removes whole pages of the range;
     * pages not mapped are ignored. Returns: KERN_SUCCESS;
     * KERN_INVALID_ADDRESS for a range outside the user space.
     */
    int deallocate(long address, long size);

    /**
     * Routine: vm_protect. Purpose: sets the current protection, or with
     * {@code setMaximum} the maximum (which may only shrink; the current
     * one is cut to it). Returns: KERN_SUCCESS; KERN_INVALID_ADDRESS if a
     * page of the range is not mapped; KERN_PROTECTION_FAILURE for a
     * current protection beyond an entry's maximum, or a maximum that would
     * grow; KERN_INVALID_ARGUMENT for bits outside VM_PROT_ALL; KERN_NO_SPACE
     * if making pages accessible again would pass the size limit.
     */
    int protect(long address, long size, boolean setMaximum, int newProtection);

    /**
     * Routine: vm_inherit. Returns: KERN_SUCCESS; KERN_INVALID_ADDRESS;
     * KERN_INVALID_ARGUMENT for an unknown inheritance.
     */
    int inherit(long address, long size, int inheritance);

    /**
     * Routine: vm_map_pageable (vm_wire). Purpose: with an access other
     * than VM_PROT_NONE, the pages of the range are wired: faulted in now
     * where no manager must be waited for, and, once resident, never paged
     * out; VM_PROT_NONE unwires them. Returns: KERN_SUCCESS;
     * KERN_INVALID_ARGUMENT for bits outside VM_PROT_ALL;
     * KERN_INVALID_ADDRESS if a page of the range is not mapped;
     * KERN_PROTECTION_FAILURE for an access the mapping does not allow.
     */
    int wire(long address, long size, int access);

    /**
     * Keeps resident, from now on, the memory of this map alone: what
     * out-of-line data received by its task lands in, and the anonymous
     * memory it allocates and writes (zero-filled pages, and the private
     * copies its writes make). Those pages are never paged out; they are
     * freed when the task deallocates them. The kernel sets it for a task
     * whose thread was wired for paging (thread_wire): the default pager
     * reads the pages the kernel returns to it and writes its buffers out
     * to the disk (device_write's out-of-line data), and were those pages
     * paged out in between, they would go to the pager itself, which would
     * wait for itself. GNU Mach's default pager wires its memory for the
     * same reason.
     */
    void keepReceivedResident();

    /**
     * Routine: vm_map_copyin. Purpose: a copy-on-write snapshot of the
     * range (vm_read, out-of-line data, vm_copy's source); with
     * {@code deallocate} the range is removed from this map too.
     * {@code copy[0]} receives it. Returns: KERN_SUCCESS;
     * KERN_INVALID_ADDRESS if a page is not mapped;
     * KERN_PROTECTION_FAILURE if a page is not readable.
     */
    int copyin(long address, long size, boolean deallocate, MapCopy[] copy);

    /**
     * Routine: vm_map_copyout. Purpose: maps a copy anywhere (read/write,
     * inheritance copy); {@code address[0]} receives where. The copy is
     * consumed on success. Returns: KERN_SUCCESS; KERN_NO_SPACE.
     */
    int copyout(MapCopy copy, long[] address);

    /**
     * Routine: vm_map_copy_overwrite. Purpose: replaces the pages of
     * [address, address + copy.size()) with the copy's (vm_write,
     * vm_copy's destination); the range must be mapped writable. The copy
     * is consumed on success. Returns: KERN_SUCCESS; KERN_INVALID_ADDRESS;
     * KERN_PROTECTION_FAILURE; KERN_INVALID_ARGUMENT for an address or a
     * size that is not page-aligned.
     */
    int overwrite(long address, MapCopy copy);

    /**
     * Routine: vm_region. Purpose: the first region at or above
     * {@code address}. Returns the region, or null (KERN_NO_SPACE) if there
     * is none.
     */
    VmRegion region(long address);

    /** Every region, lowest first, with its resident page count (for consoles). */
    List<VmRegion> regions();

    /**
     * Routine: vm_map_fork. Purpose: the map of a child task, built from
     * this one's entries by their inheritance: share maps the same object,
     * copy maps a copy-on-write copy, none leaves a hole. The child has this
     * map's size limits.
     */
    AddressMap fork();

    /**
     * Routine: vm_set_size_limit. Purpose: the current and maximum number
     * of bytes the task may map with a protection other than VM_PROT_NONE.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT if current exceeds
     * maximum; KERN_NO_ACCESS if the maximum would grow and
     * {@code privileged} (the caller showed host_priv) is false.
     */
    int setSizeLimit(long current, long maximum, boolean privileged);

    /** The current and maximum size limits, in bytes. */
    long[] sizeLimit();

    /** Bytes mapped (task_basic_info's virtual_size). */
    long virtualSize();

    /** Bytes mapped with a protection other than VM_PROT_NONE (what the size limit counts). */
    long accountedSize();

    /** Resident pages of the objects mapped here (task_basic_info's resident_size, in pages). */
    int residentPages();

    /**
     * Reads task memory as the CPU does, faulting pages in.
     * Returns: KERN_SUCCESS; KERN_INVALID_ADDRESS (unmapped),
     * KERN_PROTECTION_FAILURE (not readable), KERN_MEMORY_ERROR (the
     * manager gave data_error), KERN_MEMORY_FAILURE (it gave nothing and
     * died), or {@link VmSystem#VM_WOULD_BLOCK}; on failure
     * {@link VmThread#faultAddress} is the failing address.
     */
    int load(long address, byte[] dst, int offset, int length, VmThread thread);

    /** Writes task memory as the CPU does: as {@link #load}, for write access. */
    int store(long address, byte[] src, int offset, int length, VmThread thread);

    /**
     * The pmap as a processor with its own TLB uses it (see
     * {@link PmapAccess}); null if this map has none.
     */
    default PmapAccess pmapAccess() {
        return null;
    }

    /**
     * Routine: vm_map_destroy. Purpose: removes every entry (task
     * termination). Conditions: the map is not used again.
     */
    void destroy();
}
