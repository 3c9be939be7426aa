package org.jmach.hw.internal;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The machine built from the configuration {@code org.jmach.hw}. A changed
 * configuration deactivates this instance and activates a new one, so every
 * component that holds the machine statically (the kernel) restarts with it.
 */
@Component(service = Machine.class, configurationPid = "org.jmach.hw", immediate = true)
@Designate(ocd = MachineConfig.class)
public final class SimulatedMachine implements Machine {

    /** Fastest clock the simulation accepts. */
    static final int MAX_CLOCK_HZ = 10_000;

    private final int processors;
    private final long memorySize;
    private final int clockHz;
    private final FrameMemory memory;

    @Activate
    public SimulatedMachine(MachineConfig config) {
        this(config.processors(), config.memory_size(), config.clock_hz());
    }

    public SimulatedMachine(int processors, long memorySize, int clockHz) {
        if (processors < 1 || processors > MAX_PROCESSORS) {
            throw new IllegalArgumentException(String.format(
                    "org.jmach.hw: processors is %d; it must be 1 to %d", processors, MAX_PROCESSORS));
        }
        if (memorySize < PAGE_SIZE || memorySize % PAGE_SIZE != 0) {
            throw new IllegalArgumentException(String.format(
                    "org.jmach.hw: memory.size is %d; it must be a positive multiple of the %d-byte page",
                    memorySize, PAGE_SIZE));
        }
        if (memorySize / PAGE_SIZE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format(
                    "org.jmach.hw: memory.size is %d; at most %d frames are supported",
                    memorySize, Integer.MAX_VALUE));
        }
        if (clockHz < 1 || clockHz > MAX_CLOCK_HZ) {
            throw new IllegalArgumentException(String.format(
                    "org.jmach.hw: clock.hz is %d; it must be 1 to %d", clockHz, MAX_CLOCK_HZ));
        }
        this.processors = processors;
        this.memorySize = memorySize;
        this.clockHz = clockHz;
        this.memory = new FrameMemory((int) (memorySize / PAGE_SIZE));
    }

    @Override
    public int processorCount() {
        return processors;
    }

    @Override
    public long memorySize() {
        return memorySize;
    }

    @Override
    public int clockHz() {
        return clockHz;
    }

    @Override
    public PhysicalMemory physicalMemory() {
        return memory;
    }

    @Override
    public String toString() {
        return String.format("machine: %d processors, %d bytes in %d frames, %d Hz",
                processors, memorySize, memory.frameCount(), clockHz);
    }
}
