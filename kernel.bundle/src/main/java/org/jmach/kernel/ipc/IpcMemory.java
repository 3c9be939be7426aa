package org.jmach.kernel.ipc;

import org.jmach.vm.spi.MapCopy;

/**
 * What IPC needs of a task's address space (the part of GNU Mach's
 * {@code vm_map_copyin}/{@code vm_map_copyout} that {@code ipc_kmsg}
 * uses): out-of-line data moves as copy-on-write copies of the sender's
 * pages, mapped into the receiver; the kernel reads bytes only for its own
 * ports and for out-of-line port names.
 *
 * <p>Conditions: called with the IPC lock held, so nothing here waits: an
 * access that would wait for a pager fails.
 */
public interface IpcMemory {

    /** Reads bytes; false if any byte is not mapped readable or not at hand. */
    boolean read(long address, byte[] dst, int offset, int length);

    /** Writes bytes; false if any byte is not mapped writable or not at hand. */
    boolean write(long address, byte[] src, int offset, int length);

    /** Allocates zeroed memory anywhere; the address, or -1 if there is no room. */
    long allocate(long size);

    /** Deallocates the pages covering the range; false if the range is invalid. */
    boolean deallocate(long address, long size);

    /**
     * After a failed read: the first page of the range that is mapped
     * readable but not at hand without waiting (its manager holds it), or -1
     * if the range is simply not all mapped readable.
     */
    long pendingFault(long address, long length);

    /** vm_map_copyin: a copy-on-write snapshot of the range; null if it is not all mapped readable. */
    MapCopy copyin(long address, long size);

    /** vm_map_copyout: maps the copy (consumed on success); its address, or -1 if there is no room. */
    long copyout(MapCopy copy);

    /** Kernel bytes as a copy that {@link #copyout} can map. */
    MapCopy copyFromBytes(byte[] data);
}
