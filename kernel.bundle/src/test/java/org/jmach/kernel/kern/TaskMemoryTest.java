package org.jmach.kernel.kern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskMemoryTest {

    private final TaskMemory memory = new TaskMemory();

    @Test
    void allocatedMemoryReadsBackWhatWasWrittenAcrossPages() {
        long a = memory.allocate(3 * 4096);
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        assertTrue(memory.write(a + 4000, data, 0, data.length));
        byte[] back = new byte[data.length];
        assertTrue(memory.read(a + 4000, back, 0, back.length));
        assertArrayEquals(data, back);
    }

    @Test
    void unmappedWrappingAndNegativeRangesAreRefused() {
        long a = memory.allocate(4096);
        byte[] b = new byte[16];
        assertFalse(memory.read(a + 4090, b, 0, 16), "runs into the guard page");
        assertFalse(memory.read(Long.MAX_VALUE - 4, b, 0, 16), "wraps past 2^63");
        assertFalse(memory.read(-8, b, 0, 8));
        assertFalse(memory.write(1L << 47, b, 0, 1));
        assertTrue(memory.deallocate(a, 4096));
        assertFalse(memory.read(a, b, 0, 1));
        assertTrue(memory.allocateFixed(a, 4096));
        assertFalse(memory.allocateFixed(a, 1), "already in use");
    }
}
