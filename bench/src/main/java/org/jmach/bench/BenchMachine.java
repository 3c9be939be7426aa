package org.jmach.bench;

import org.jmach.hw.Machine;
import org.jmach.hw.internal.SimulatedMachine;

/** The machine a benchmark boots: the hw bundle's simulated machine, 64 MiB (or as said), 100 Hz. */
final class BenchMachine {

    private BenchMachine() {
    }

    static Machine of(int processors) {
        return of(processors, 64L << 20);
    }

    static Machine of(int processors, long memory) {
        return new SimulatedMachine(processors, memory, 100);
    }
}
