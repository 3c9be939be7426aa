package org.jmach.kernel.kern;

import org.jmach.hw.Machine;
import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.vm.spi.VirtualMemory;
import org.jmach.vm.vm.Vm;

/** Machines for kernel tests: the hw bundle's simulated machine, 64 MiB at 100 Hz unless said otherwise. */
public final class TestMachine {

    /** VM for kernel tests: the VM bundle's implementation, with its default pageout policy. */
    public static final VirtualMemory VM = Vm::new;

    private TestMachine() {
    }

    public static Machine of(int processors) {
        return new SimulatedMachine(processors, 64L << 20, 100);
    }

    /** A kernel booted on {@code machine} with the VM bundle's VM. */
    public static Startup boot(Machine machine, String version) {
        return Startup.setupMain(machine, VM, version);
    }
}
