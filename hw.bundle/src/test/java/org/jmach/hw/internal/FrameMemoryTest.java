package org.jmach.hw.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jmach.hw.Machine;
import org.junit.jupiter.api.Test;

class FrameMemoryTest {

    private final FrameMemory memory = new FrameMemory(4);

    @Test
    void untouchedMemoryReadsAsZeros() {
        byte[] buffer = {1, 2, 3, 4};
        memory.read(100, buffer, 0, buffer.length);
        assertArrayEquals(new byte[4], buffer);
    }

    @Test
    void writeThenReadSpansFrameBoundary() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 1);
        }
        long address = Machine.PAGE_SIZE - 100;
        memory.write(address, data, 0, data.length);

        byte[] back = new byte[data.length];
        memory.read(address, back, 0, back.length);
        assertArrayEquals(data, back);

        byte[] secondFrameStart = new byte[1];
        memory.read(Machine.PAGE_SIZE, secondFrameStart, 0, 1);
        assertEquals(data[100], secondFrameStart[0]);
    }

    @Test
    void zeroFrameClearsOnlyThatFrame() {
        byte[] ones = new byte[2 * Machine.PAGE_SIZE];
        java.util.Arrays.fill(ones, (byte) 1);
        memory.write(0, ones, 0, ones.length);

        memory.zeroFrame(0);

        byte[] back = new byte[2];
        memory.read(Machine.PAGE_SIZE - 1, back, 0, 2);
        assertArrayEquals(new byte[] {0, 1}, back);
    }

    @Test
    void accessPastTheEndIsABusError() {
        byte[] buffer = new byte[8];
        long end = memory.size();
        IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class,
                () -> memory.read(end - 4, buffer, 0, 8));
        assertEquals(true, error.getMessage().startsWith("bus error"));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.write(-1, buffer, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.zeroFrame(4));
    }

    @Test
    void sizeIsFramesTimesPageSize() {
        assertEquals(4, memory.frameCount());
        assertEquals(4L * Machine.PAGE_SIZE, memory.size());
    }
}
