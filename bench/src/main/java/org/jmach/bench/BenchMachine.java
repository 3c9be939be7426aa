package org.jmach.bench;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;

/** The machine a benchmark boots: some processors, 64 MiB, 100 Hz; no physical memory needed. */
record BenchMachine(int processorCount) implements Machine {

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
