package org.jmach.hw;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Physical memory: {@link #frameCount()} frames of {@link Machine#PAGE_SIZE}
 * bytes, addressed by physical address from 0 to {@link #size()}. Memory that
 * was never written reads as zeros.
 *
 * <p>Like a memory bus, it checks only that an access lies inside the memory;
 * an access outside it is a bus error, thrown as
 * {@link IndexOutOfBoundsException}. Deciding who may touch which frame is the
 * kernel's business, which never lets a task's bad address reach this far.
 */
@ProviderType
public interface PhysicalMemory {

    /** Number of page frames. */
    int frameCount();

    /** Size in bytes: {@code frameCount() * PAGE_SIZE}. */
    long size();

    /**
     * Copies {@code length} bytes at physical address {@code address} into
     * {@code buffer} from {@code offset}; the range may span frames.
     */
    void read(long address, byte[] buffer, int offset, int length);

    /**
     * Copies {@code length} bytes of {@code buffer} from {@code offset} to
     * physical address {@code address}; the range may span frames.
     */
    void write(long address, byte[] buffer, int offset, int length);

    /** Fills the frame with number {@code frame} with zeros. */
    void zeroFrame(int frame);

    /**
     * The bytes of frame number {@code frame} themselves (at least
     * {@link Machine#PAGE_SIZE} of them), for a processor that caches
     * translations to frames (a RISC-V hart's TLB). The array stays the
     * frame's until the next {@link #zeroFrame} of it, which may give the
     * frame a new one: whoever hands the array out must take it back first
     * (a TLB shootdown).
     *
     * @throws UnsupportedOperationException if this memory has no such arrays
     */
    default byte[] frame(int frame) {
        throw new UnsupportedOperationException("physical memory without frame arrays");
    }
}
