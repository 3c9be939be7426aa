package org.jmach.vm.vm;

import java.util.Arrays;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;

/** Physical memory for VM's tests: frames as arrays. */
final class TestMemory implements PhysicalMemory {

    private final byte[][] frames;

    TestMemory(int frames) {
        this.frames = new byte[frames][Machine.PAGE_SIZE];
    }

    @Override
    public int frameCount() {
        return frames.length;
    }

    @Override
    public long size() {
        return (long) frames.length * Machine.PAGE_SIZE;
    }

    @Override
    public void read(long address, byte[] buffer, int offset, int length) {
        int f = (int) (address / Machine.PAGE_SIZE);
        int in = (int) (address % Machine.PAGE_SIZE);
        if (in + length > Machine.PAGE_SIZE) {
            throw new IndexOutOfBoundsException("VM reads within a frame");
        }
        System.arraycopy(frames[f], in, buffer, offset, length);
    }

    @Override
    public void write(long address, byte[] buffer, int offset, int length) {
        int f = (int) (address / Machine.PAGE_SIZE);
        int in = (int) (address % Machine.PAGE_SIZE);
        if (in + length > Machine.PAGE_SIZE) {
            throw new IndexOutOfBoundsException("VM writes within a frame");
        }
        System.arraycopy(buffer, offset, frames[f], in, length);
    }

    @Override
    public void zeroFrame(int frame) {
        Arrays.fill(frames[frame], (byte) 0);
    }
}
