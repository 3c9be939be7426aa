package org.jmach.hw.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;

/**
 * Physical memory as an array of frames, each allocated on its first write so
 * that a large machine costs the host only the memory its programs touch. A
 * frame never written reads as zeros, as a freshly cleared DRAM would.
 */
final class FrameMemory implements PhysicalMemory {

    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(Machine.PAGE_SIZE);
    private static final int PAGE_MASK = Machine.PAGE_SIZE - 1;

    private final AtomicReferenceArray<byte[]> frames;

    FrameMemory(int frameCount) {
        if (frameCount <= 0) {
            throw new IllegalArgumentException("a machine needs at least one page frame");
        }
        this.frames = new AtomicReferenceArray<>(frameCount);
    }

    @Override
    public int frameCount() {
        return frames.length();
    }

    @Override
    public long size() {
        return (long) frames.length() << PAGE_SHIFT;
    }

    @Override
    public void read(long address, byte[] buffer, int offset, int length) {
        checkAccess(address, buffer, offset, length);
        while (length > 0) {
            int inFrame = (int) (address & PAGE_MASK);
            int chunk = Math.min(length, Machine.PAGE_SIZE - inFrame);
            byte[] frame = frames.get((int) (address >>> PAGE_SHIFT));
            if (frame == null) {
                Arrays.fill(buffer, offset, offset + chunk, (byte) 0);
            } else {
                System.arraycopy(frame, inFrame, buffer, offset, chunk);
            }
            address += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public void write(long address, byte[] buffer, int offset, int length) {
        checkAccess(address, buffer, offset, length);
        while (length > 0) {
            int inFrame = (int) (address & PAGE_MASK);
            int chunk = Math.min(length, Machine.PAGE_SIZE - inFrame);
            byte[] frame = frame((int) (address >>> PAGE_SHIFT));
            System.arraycopy(buffer, offset, frame, inFrame, chunk);
            address += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public void zeroFrame(int frame) {
        Objects.checkIndex(frame, frames.length());
        // Dropping the array is cheaper than clearing it, and reads stay zeros.
        frames.set(frame, null);
    }

    @Override
    public byte[] frame(int number) {
        Objects.checkIndex(number, frames.length());
        byte[] frame = frames.get(number);
        if (frame == null) {
            byte[] fresh = new byte[Machine.PAGE_SIZE];
            frame = frames.compareAndExchange(number, null, fresh);
            if (frame == null) {
                frame = fresh;
            }
        }
        return frame;
    }

    private void checkAccess(long address, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (address < 0 || address > size() - length) {
            throw new IndexOutOfBoundsException(String.format(
                    "bus error: physical range 0x%x+%d is outside memory of %d bytes",
                    address, length, size()));
        }
    }
}
