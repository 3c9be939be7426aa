package org.jmach.shell.internal;


import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.hw.Disk;
import org.jmach.kernel.kern.KernelDebugView;
import org.jmach.kernel.kern.NativeTasks;
import org.jmach.kernel.kern.Startup;
import org.jmach.mach.MachDebug;
import org.jmach.mach.MachNativeTasks;
import org.jmach.vm.vm.Vm;

/**
 * A real kernel for the commands' tests: the kernel bundle's, booted on
 * the hw bundle's simulated machine (64 MiB, 100 Hz) with the VM bundle's
 * virtual memory, and the two services the kernel registers in a framework
 * ({@code KernelComponent}): the debugging view and native tasks. Only the
 * test reaches into the implementation to boot it; the commands still see
 * the public API alone.
 */
final class BootedKernel implements AutoCloseable {

    private final Startup kernel;
    private final MachNativeTasks tasks;
    private final MachDebug debug;

    /** Boots a kernel on a machine of {@code processors} processors. */
    BootedKernel(int processors) {
        kernel = Startup.setupMain(new SimulatedMachine(processors, 64L << 20, 100), Vm::new, "shell-test");
        tasks = new NativeTasks(kernel);
        debug = new View(kernel);
    }

    /** The bootstrap service, as {@code MachNativeTasks}. */
    MachNativeTasks tasks() {
        return tasks;
    }

    /** The debugging view, as {@code MachDebug}. */
    MachDebug debug() {
        return debug;
    }

    /** Halts the kernel: every task is terminated. */
    @Override
    public void close() {
        kernel.shutdown();
    }

    /** MachDebug as KernelComponent serves it; the machine has no disk. */
    private record View(Startup viewedKernel) implements KernelDebugView {

        @Override
        public Disk viewedDisk() {
            return null;
        }
    }
}
