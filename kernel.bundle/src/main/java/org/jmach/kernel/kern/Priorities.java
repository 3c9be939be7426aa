package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_NO_ACCESS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Policy.POLICY_FIXEDPRI;
import static org.jmach.mach.Policy.POLICY_TIMESHARE;
import static org.jmach.mach.Policy.invalidPri;

/**
 * Priorities, ceilings and policies of threads, tasks and processor sets
 * (GNU Mach's {@code thread_priority}, {@code thread_max_priority},
 * {@code task_priority}, {@code task_max_priority},
 * {@code processor_set_max_priority}, {@code thread_policy}).
 *
 * <p>The privilege rule: a priority may never be better (a lower number)
 * than the ceiling of its thread or task, and asking for one is
 * KERN_NO_ACCESS (GNU Mach says KERN_FAILURE for a thread; jmach answers
 * as task_priority does). Lowering a ceiling is free; raising one needs a
 * privilege: the privileged host port for a task (task_max_priority), the
 * control port of the thread's processor set for a thread
 * (thread_max_priority), which only host_priv can get for the default set.
 *
 * <p>Conditions, for every routine: takes the scheduler lock.
 */
final class Priorities {

    private Priorities() {
    }

    /**
     * Routine: thread_priority. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT
     * for no thread or a priority outside 0..127; KERN_NO_ACCESS for one
     * better than the thread's ceiling.
     */
    static int threadPriority(Thread t, int priority, boolean setMax) {
        if (t == null || invalidPri(priority)) {
            return KERN_INVALID_ARGUMENT;
        }
        SchedPrim sched = t.sched();
        sched.lock.lock();
        try {
            return threadPriorityLocked(t, priority, setMax);
        } finally {
            sched.lock.unlock();
        }
    }

    private static int threadPriorityLocked(Thread t, int priority, boolean setMax) {
        if (priority < t.maxPriority) {
            return KERN_NO_ACCESS;
        }
        t.priority = priority;
        if (setMax) {
            t.maxPriority = priority;
        }
        t.sched().computePriority(t);
        return KERN_SUCCESS;
    }

    /**
     * Routine: thread_max_priority. Purpose: the thread's ceiling; its
     * priority follows if now better than the ceiling.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no thread or set, or
     * a priority outside 0..127; KERN_FAILURE if the set is not the thread's.
     */
    static int threadMaxPriority(Thread t, ProcessorSet pset, int max) {
        if (t == null || pset == null || invalidPri(max)) {
            return KERN_INVALID_ARGUMENT;
        }
        SchedPrim sched = t.sched();
        sched.lock.lock();
        try {
            if (t.pset != pset) {
                return KERN_FAILURE;
            }
            setMaxLocked(t, max);
            return KERN_SUCCESS;
        } finally {
            sched.lock.unlock();
        }
    }

    private static void setMaxLocked(Thread t, int max) {
        t.maxPriority = max;
        if (t.priority < max) {
            t.priority = max;
        }
        t.sched().computePriority(t);
    }

    /**
     * Routine: task_priority. Purpose: the priority of the task's new
     * threads; with {@code changeThreads}, of its threads too.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no task or a
     * priority outside 0..127; KERN_NO_ACCESS for one better than the
     * task's ceiling; KERN_FAILURE if a thread refused it (its own ceiling).
     */
    static int taskPriority(Task task, int priority, boolean changeThreads) {
        if (task == null || invalidPri(priority)) {
            return KERN_INVALID_ARGUMENT;
        }
        SchedPrim sched = task.sched();
        sched.lock.lock();
        try {
            if (priority < task.maxPriority) {
                return KERN_NO_ACCESS;
            }
            task.priority = priority;
            int kr = KERN_SUCCESS;
            if (changeThreads) {
                for (Thread t : task.threadList()) {
                    if (threadPriorityLocked(t, priority, false) != KERN_SUCCESS) {
                        kr = KERN_FAILURE;
                    }
                }
            }
            return kr;
        } finally {
            sched.lock.unlock();
        }
    }

    /**
     * Routine: task_max_priority. Purpose: the task's ceiling, which its new
     * threads and child tasks inherit; with {@code setPriority} the task's
     * priority becomes the ceiling; with {@code changeThreads} the threads'
     * ceilings follow (held to their set's).
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no host port, no
     * task, or a priority outside 0..127; KERN_NO_ACCESS for raising the
     * ceiling without the privileged host port.
     */
    static int taskMaxPriority(boolean hostPort, boolean privileged, Task task, int max, boolean setPriority,
            boolean changeThreads) {
        if (!hostPort || task == null || invalidPri(max)) {
            return KERN_INVALID_ARGUMENT;
        }
        SchedPrim sched = task.sched();
        sched.lock.lock();
        try {
            if (max < task.maxPriority && !privileged) {
                return KERN_NO_ACCESS;
            }
            task.maxPriority = max;
            if (max > task.priority || setPriority) {
                task.priority = max;
            }
            if (changeThreads) {
                for (Thread t : task.threadList()) {
                    t.maxPriority = Math.max(max, t.pset.maxPriority);
                    if (t.maxPriority > t.priority || setPriority) {
                        t.priority = t.maxPriority;
                    }
                    sched.computePriority(t);
                }
            }
            return KERN_SUCCESS;
        } finally {
            sched.lock.unlock();
        }
    }

    /**
     * Routine: processor_set_max_priority. Purpose: the ceiling of threads
     * assigned to the set from now on; with {@code changeThreads}, the
     * threads in it whose ceiling is better are lowered to it.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no set or a priority
     * outside 0..127.
     */
    static int psetMaxPriority(SchedPrim sched, ProcessorSet pset, int max, boolean changeThreads) {
        if (pset == null || invalidPri(max)) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            pset.maxPriority = max;
            if (changeThreads) {
                for (Thread t : pset.threads) {
                    if (t.maxPriority < max) {
                        setMaxLocked(t, max);
                    }
                }
            }
            return KERN_SUCCESS;
        } finally {
            sched.lock.unlock();
        }
    }

    /**
     * Routine: thread_policy. Purpose: timesharing, or a fixed priority run
     * round robin for {@code data} ms quanta (the set's default if not positive).
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no thread or an
     * unknown policy; KERN_FAILURE if the thread's set has not enabled it.
     */
    static int threadPolicy(Thread t, int policy, int data) {
        if (t == null || (policy != POLICY_TIMESHARE && policy != POLICY_FIXEDPRI)) {
            return KERN_INVALID_ARGUMENT;
        }
        SchedPrim sched = t.sched();
        sched.lock.lock();
        try {
            if ((t.pset.policies & policy) == 0) {
                return KERN_FAILURE;
            }
            t.policy = policy;
            t.policyData = policy == POLICY_FIXEDPRI ? Math.max(0, data) : 0;
            sched.computePriority(t);
            return KERN_SUCCESS;
        } finally {
            sched.lock.unlock();
        }
    }

    /**
     * Routine: processor_set_policy_disable. Purpose: the set's threads may
     * no longer use {@code policy}; with {@code changeThreads} those that do
     * go back to timesharing. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT
     * for no set or for timesharing, which cannot be disabled.
     */
    static int policyDisable(SchedPrim sched, ProcessorSet pset, int policy, boolean changeThreads) {
        if (pset == null || policy == POLICY_TIMESHARE) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            pset.policies &= ~policy;
            if (changeThreads) {
                for (Thread t : pset.threads) {
                    if (t.policy == policy) {
                        t.policy = POLICY_TIMESHARE;
                        t.policyData = 0;
                        sched.computePriority(t);
                    }
                }
            }
            return KERN_SUCCESS;
        } finally {
            sched.lock.unlock();
        }
    }

    /** Routine: processor_set_policy_enable. Returns KERN_SUCCESS; KERN_INVALID_ARGUMENT for no set or policy. */
    static int policyEnable(SchedPrim sched, ProcessorSet pset, int policy) {
        if (pset == null || (policy != POLICY_TIMESHARE && policy != POLICY_FIXEDPRI)) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            pset.policies |= policy;
            return KERN_SUCCESS;
        } finally {
            sched.lock.unlock();
        }
    }
}
