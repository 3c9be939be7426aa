package org.jmach.kernel.kern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A task's memory as IPC uses it: its address map, reached without waiting. */
class TaskMemoryTest {

    private final Startup kernel = TestMachine.boot(TestMachine.of(1), "test");
    private final TaskMemory memory = kernel.taskCreate("memory").memory();

    @org.junit.jupiter.api.AfterEach
    void halt() {
        kernel.shutdown();
    }

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
        assertFalse(memory.read(a + 4090, b, 0, 16), "runs past the region");
        assertFalse(memory.read(Long.MAX_VALUE - 4, b, 0, 16), "wraps past 2^63");
        assertFalse(memory.read(-8, b, 0, 8));
        assertFalse(memory.write(1L << 47, b, 0, 1));
        assertTrue(memory.deallocate(a, 4096));
        assertFalse(memory.read(a, b, 0, 1));
        assertTrue(memory.allocateFixed(a, 4096));
        assertFalse(memory.allocateFixed(a, 1), "already in use");
    }

    @Test
    void aLargeRegionCostsNothingUntilWrittenAndReadsAsZeros() {
        long a = memory.allocate(1L << 40);
        assertTrue(a > 0);
        assertEquals(0, memory.pageCount());
        byte[] b = {1, 2, 3};
        assertTrue(memory.read(a + (1L << 39), b, 0, 3));
        assertArrayEquals(new byte[3], b);
        assertEquals(1, memory.pageCount(), "the page read is zero-filled and mapped");
        assertTrue(memory.write(a + (1L << 39) + 4094, new byte[] {7, 8, 9}, 0, 3));
        assertEquals(2, memory.pageCount(), "and the next one, written");
        assertTrue(memory.deallocate(a, 1L << 40));
        assertEquals(0, memory.pageCount());
    }

    @Test
    void deallocatingTheMiddleOfARegionLeavesBothEnds() {
        long a = memory.allocate(5 * 4096);
        assertTrue(memory.write(a, new byte[] {1}, 0, 1));
        assertTrue(memory.write(a + 4 * 4096, new byte[] {5}, 0, 1));
        assertTrue(memory.deallocate(a + 4096, 3 * 4096));
        byte[] b = new byte[1];
        assertTrue(memory.read(a, b, 0, 1));
        assertEquals(1, b[0]);
        assertTrue(memory.read(a + 4 * 4096, b, 0, 1));
        assertEquals(5, b[0]);
        assertFalse(memory.read(a + 4096, b, 0, 1));
        assertFalse(memory.read(a + 4095, new byte[2], 0, 2), "runs into the hole");
        assertTrue(memory.allocateFixed(a + 2 * 4096, 4096), "the hole can be allocated again");
        assertFalse(memory.allocateFixed(a + 4096, 2 * 4096), "but not over what is taken");
        assertTrue(memory.read(a + 2 * 4096, b, 0, 1));
        assertEquals(0, b[0], "fresh memory is zero");
    }
}
