package org.jmach.kernel.kern;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;

/** A machine for kernel tests: some processors, 64 MiB, 100 Hz, no physical memory needed. */
public record TestMachine(int processorCount) implements Machine {

    public static TestMachine of(int processors) {
        return new TestMachine(processors);
    }

    @Override
    public long memorySize() {
        return 64L << 20;
    }

    @Override
    public int clockHz() {
        return 100;
    }

    @Override
    public PhysicalMemory physicalMemory() {
        return null;
    }
}
