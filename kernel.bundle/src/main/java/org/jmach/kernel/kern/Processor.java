package org.jmach.kernel.kern;

import static org.jmach.mach.ProcessorInfo.PROCESSOR_IDLE;

import org.jmach.kernel.ipc.IpcPort;

/**
 * A simulated processor (GNU Mach's {@code kern/processor.h}): it runs one
 * thread at a time, taken from its local run queue or its processor set's
 * global one. Its kernel port (IKOT_PROCESSOR) is what processor_assign and
 * processor_info name.
 *
 * <p>Lifecycle: created idle in the default set at boot; processor_assign
 * moves it between sets; shutdown makes it PROCESSOR_SHUTDOWN for good.
 *
 * <p>Conditions: every field but {@code slot} and {@code port} is guarded
 * by the scheduler lock.
 */
final class Processor {

    final int slot;
    /** PROCESSOR_ state. */
    int state = PROCESSOR_IDLE;
    ProcessorSet pset;
    final RunQueue runq = new RunQueue();
    /** The thread it runs, or null when idle. */
    Thread active;
    /** Ticks left of the active thread's quantum. */
    int quantumLeft;
    /** Set when a better thread became runnable or the quantum ended: the active thread yields at its next check. */
    boolean astPreempt;
    private volatile IpcPort port;

    Processor(int slot) {
        this.slot = slot;
    }

    IpcPort port() {
        return port;
    }

    void setPort(IpcPort port) {
        this.port = port;
    }

    @Override
    public String toString() {
        return "processor " + slot;
    }
}
