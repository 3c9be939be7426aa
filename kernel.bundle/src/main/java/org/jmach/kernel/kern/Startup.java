package org.jmach.kernel.kern;

import org.jmach.hw.Machine;
import org.jmach.mach.CpuType;

/**
 * Booting and halting the kernel (GNU Mach's {@code kern/startup.c}): build
 * the host from the machine, create the kernel task; at shutdown, end them in
 * the reverse order. One Startup is one boot: a new machine configuration
 * means a new Startup, never a reused one.
 */
public final class Startup {

    /** Name of the kernel task. */
    public static final String KERNEL_TASK_NAME = "kernel";

    private final Host host;
    private final Task kernelTask;

    private Startup(Host host, Task kernelTask) {
        this.host = host;
        this.kernelTask = kernelTask;
    }

    /**
     * Routine: setup_main. Purpose: boot the kernel on a machine.
     *
     * <p>Conditions: called once per boot, before any other kernel routine;
     * nothing locked. Returns the booted kernel; it never fails for a machine
     * the hw bundle accepted.
     */
    public static Startup setupMain(Machine machine, String kernelVersion) {
        Host host = new Host(machine.processorCount(), machine.processorCount(),
                machine.memorySize(), CpuType.CPU_TYPE_RISCV64, CpuType.CPU_SUBTYPE_RISCV64_RV64GC,
                machine.clockHz(), kernelVersion);
        return new Startup(host, new Task(KERNEL_TASK_NAME));
    }

    /** The host of this boot. */
    public Host host() {
        return host;
    }

    /** The kernel task of this boot. */
    public Task kernelTask() {
        return kernelTask;
    }

    /**
     * Routine: shutdown. Purpose: halt this boot: terminate the kernel task,
     * then make the host inactive, so that every later host routine returns
     * KERN_INVALID_HOST.
     *
     * <p>Conditions: nothing locked. Idempotent.
     */
    public void shutdown() {
        kernelTask.terminate();
        host.deactivate();
    }
}
