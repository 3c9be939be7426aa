package org.jmach.hw.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class SimulatedMachineTest {

    @Test
    void defaultsAreTwoProcessorsAnd64MiB() {
        SimulatedMachine machine = new SimulatedMachine(defaults());
        assertEquals(2, machine.processorCount());
        assertEquals(67_108_864L, machine.memorySize());
        assertEquals(16_384, machine.physicalMemory().frameCount());
        assertEquals(100, machine.clockHz());
    }

    @Test
    void memoryThatIsNotWholePagesIsRefusedWithItsPropertyName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedMachine(2, 10_000, 100));
        assertTrue(error.getMessage().contains("memory.size is 10000"), error.getMessage());
    }

    @Test
    void processorCountOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedMachine(0, 4096, 100));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedMachine(65, 4096, 100));
        assertEquals(64, new SimulatedMachine(64, 4096, 100).processorCount());
    }

    @Test
    void clockRateOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedMachine(1, 4096, 0));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedMachine(1, 4096, 10_001));
    }

    /** The configuration DS would pass when no configuration exists. */
    static MachineConfig defaults() {
        return new MachineConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MachineConfig.class;
            }

            @Override
            public int processors() {
                return 2;
            }

            @Override
            public long memory_size() {
                return 64L * 1024 * 1024;
            }

            @Override
            public int clock_hz() {
                return 100;
            }
        };
    }
}
