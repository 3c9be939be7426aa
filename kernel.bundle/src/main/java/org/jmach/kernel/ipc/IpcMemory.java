package org.jmach.kernel.ipc;

/**
 * What IPC needs of a task's address space to move out-of-line data (the
 * part of GNU Mach's {@code vm_map_copyin}/{@code vm_map_copyout} that
 * {@code ipc_kmsg} uses). Until the VM bundle maps memory copy-on-write,
 * out-of-line data is copied.
 */
public interface IpcMemory {

    /** Reads bytes; false if any byte is not mapped. */
    boolean read(long address, byte[] dst, int offset, int length);

    /** Writes bytes; false if any byte is not mapped. */
    boolean write(long address, byte[] src, int offset, int length);

    /** Allocates zeroed memory anywhere; the address, or -1 if there is no room. */
    long allocate(long size);

    /** Deallocates the pages covering the range; false if the range is invalid. */
    boolean deallocate(long address, long size);
}
