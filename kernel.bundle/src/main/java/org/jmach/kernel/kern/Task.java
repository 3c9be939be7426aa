package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

/**
 * A task: the unit of resource ownership (GNU Mach's {@code kern/task.c}).
 * This kernel has one, the kernel task, which owns the kernel's own
 * threads and ports once they exist; the IPC space and the address map join
 * it with the IPC and VM issues.
 *
 * <p>Lifecycle: created active; {@link #terminate} makes it inactive, once
 * and for good. {@code active} is read without a lock and written only under
 * the task's monitor, as GNU Mach's {@code task->active} under the task lock.
 */
public final class Task {

    private final String name;
    private volatile boolean active = true;

    Task(String name) {
        this.name = name;
    }

    /** The task's name, as task_set_name would set it. */
    public String name() {
        return name;
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Routine: task_terminate (kernel side). Purpose: end the task.
     *
     * <p>Conditions: nothing locked on entry; takes the task's monitor.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_TASK if the task had already
     * terminated.
     */
    synchronized int terminate() {
        if (!active) {
            return KERN_INVALID_TASK;
        }
        active = false;
        return KERN_SUCCESS;
    }

    @Override
    public String toString() {
        return "task " + name + (active ? "" : " (terminated)");
    }
}
