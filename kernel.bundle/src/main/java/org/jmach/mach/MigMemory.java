package org.jmach.mach;

/**
 * Where MIG stubs and server demuxes put and find out-of-line data: in a
 * user task, its memory ({@link MigTaskMemory}); in the kernel, the kernel
 * message itself. Generated code never touches memory otherwise.
 */
public interface MigMemory {

    /**
     * Makes out-of-line data for a message being built.
     *
     * @return the address to send (with the deallocate bit: the message takes the memory), or -1 if no
     *         memory could be had
     */
    long oolWrite(byte[] data);

    /**
     * Takes out-of-line data a received message carries: the bytes, and the
     * region is released.
     *
     * @return the bytes, or null if the region cannot be read
     */
    byte[] oolRead(long address, long length);
}
