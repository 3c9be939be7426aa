package org.jmach.kernel.kern;

import static org.jmach.mach.Policy.MAXPRI;
import static org.jmach.mach.Policy.POLICY_TIMESHARE;

import java.util.ArrayList;
import java.util.List;

import org.jmach.kernel.ipc.IpcPort;

/**
 * A processor set (GNU Mach's {@code kern/processor.c}): processors, and the
 * tasks and threads assigned to them. A thread runs only on a processor of
 * its set. The set has a global run queue, a ceiling every thread assigned
 * to it is held to, and the policies its threads may use. Two ports name
 * it: the control port (IKOT_PSET), the privilege to change it, and the
 * name port (IKOT_PSET_NAME), which only identifies it.
 *
 * <p>Lifecycle: the default set exists from boot to shutdown;
 * processor_set_create makes others active; processor_set_destroy makes
 * one inactive for good, its processors, tasks and threads going back to
 * the default set.
 *
 * <p>Conditions: every mutable field is guarded by the scheduler lock.
 */
final class ProcessorSet {

    final String name;
    final RunQueue runq = new RunQueue();
    final List<Processor> processors = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    /** The ceiling: no thread assigned here gets a better priority (a lower number) than this. */
    int maxPriority = MAXPRI;
    /** POLICY_ bits its threads may use; timesharing always. */
    int policies = POLICY_TIMESHARE;
    boolean active = true;
    /** Load average and Mach factor, scaled by ProcessorInfo.LOAD_SCALE. */
    int loadAverage;
    int machFactor;
    private volatile IpcPort port;
    private volatile IpcPort namePort;

    ProcessorSet(String name) {
        this.name = name;
    }

    /** An idle processor of the set, {@code preferred} if it is one; null if none is idle. */
    Processor idleProcessor(int preferred) {
        Processor found = null;
        for (Processor p : processors) {
            if (p.active == null) {
                if (p.slot == preferred) {
                    return p;
                }
                if (found == null) {
                    found = p;
                }
            }
        }
        return found;
    }

    /** Threads running or waiting to run in the set. */
    int runnable() {
        int n = runq.count();
        for (Processor p : processors) {
            n += p.runq.count() + (p.active != null ? 1 : 0);
        }
        return n;
    }

    IpcPort port() {
        return port;
    }

    IpcPort namePort() {
        return namePort;
    }

    void setPorts(IpcPort port, IpcPort namePort) {
        this.port = port;
        this.namePort = namePort;
    }

    @Override
    public String toString() {
        return "processor set " + name;
    }
}
