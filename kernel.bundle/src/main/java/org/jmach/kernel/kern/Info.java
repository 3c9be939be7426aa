package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.TaskInfo.TASK_BASIC_INFO;
import static org.jmach.mach.TaskInfo.TASK_BASIC_INFO_COUNT;
import static org.jmach.mach.TaskInfo.TASK_EVENTS_INFO;
import static org.jmach.mach.TaskInfo.TASK_EVENTS_INFO_COUNT;
import static org.jmach.mach.TaskInfo.TASK_THREAD_TIMES_INFO;
import static org.jmach.mach.TaskInfo.TASK_THREAD_TIMES_INFO_COUNT;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO_COUNT;
import static org.jmach.mach.ThreadInfo.THREAD_SCHED_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_SCHED_INFO_COUNT;

import org.jmach.hw.Machine;
import org.jmach.mach.TaskBasicInfo;
import org.jmach.mach.TaskEventsInfo;
import org.jmach.mach.TaskThreadTimesInfo;
import org.jmach.mach.ThreadBasicInfo;
import org.jmach.mach.ThreadInfo;
import org.jmach.mach.ThreadSchedInfo;
import org.jmach.mach.TimeValue;

/**
 * task_info and thread_info (GNU Mach's {@code task_info} and
 * {@code thread_info}): the flavors jmach keeps, encoded as the public
 * records lay them out.
 *
 * <p>Conditions: nothing locked but possibly the IPC lock; takes the
 * scheduler lock for a consistent view of the scheduling fields.
 */
final class Info {

    private Info() {
    }

    /**
     * Routine: task_info. Returns: KERN_SUCCESS with {@code count[0]} set;
     * KERN_INVALID_ARGUMENT for an unknown flavor or a bad array;
     * KERN_FAILURE if the count is smaller than the flavor needs.
     */
    static int taskInfo(Task task, int flavor, int[] info, int[] count) {
        int needed = switch (flavor) {
            case TASK_BASIC_INFO -> TASK_BASIC_INFO_COUNT;
            case TASK_EVENTS_INFO -> TASK_EVENTS_INFO_COUNT;
            case TASK_THREAD_TIMES_INFO -> TASK_THREAD_TIMES_INFO_COUNT;
            default -> -1;
        };
        int kr = check(needed, info, count);
        if (kr != KERN_SUCCESS) {
            return kr;
        }
        SchedPrim sched = task.sched();
        switch (flavor) {
            case TASK_BASIC_INFO -> {
                int suspendCount;
                int priority;
                sched.lock.lock();
                try {
                    suspendCount = task.suspendCount;
                    priority = task.priority;
                } finally {
                    sched.lock.unlock();
                }
                new TaskBasicInfo(suspendCount, priority, task.memory().virtualSize(),
                        (long) task.memory().pageCount() * Machine.PAGE_SIZE,
                        micros(task.deadUserNanos.get()), micros(task.deadSystemNanos.get()),
                        TimeValue.ofMicros(task.createdMillis() * 1000)).encode(info);
            }
            case TASK_EVENTS_INFO -> new TaskEventsInfo(0, 0, 0, 0, 0, task.messagesSent.get(),
                    task.messagesReceived.get()).encode(info);
            default -> {
                long user = 0;
                long system = 0;
                for (Thread t : task.threads()) {
                    long[] times = t.times();
                    user += times[0];
                    system += times[1];
                }
                new TaskThreadTimesInfo(micros(user), micros(system)).encode(info);
            }
        }
        count[0] = needed;
        return KERN_SUCCESS;
    }

    /**
     * Routine: thread_info. Returns: KERN_SUCCESS with {@code count[0]} set;
     * KERN_INVALID_ARGUMENT for an unknown flavor or a bad array;
     * KERN_FAILURE if the count is smaller than the flavor needs.
     */
    static int threadInfo(Thread t, int flavor, int[] info, int[] count) {
        int needed = switch (flavor) {
            case THREAD_BASIC_INFO -> THREAD_BASIC_INFO_COUNT;
            case THREAD_SCHED_INFO -> THREAD_SCHED_INFO_COUNT;
            default -> -1;
        };
        int kr = check(needed, info, count);
        if (kr != KERN_SUCCESS) {
            return kr;
        }
        if (flavor == THREAD_BASIC_INFO) {
            basic(t).encode(info);
        } else {
            sched(t).encode(info);
        }
        count[0] = needed;
        return KERN_SUCCESS;
    }

    /**
     * Checks an out info array of a CountInOut argument: {@code count[0]}
     * words asked for, of which {@code needed} will be filled (-1: an
     * unknown flavor).
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown flavor,
     * a missing array, or a count negative or past the array; KERN_FAILURE
     * if the count is smaller than the flavor needs.
     */
    static int check(int needed, int[] info, int[] count) {
        if (needed < 0 || info == null || count == null || count.length < 1 || count[0] < 0
                || count[0] > info.length) {
            return KERN_INVALID_ARGUMENT;
        }
        return count[0] < needed ? KERN_FAILURE : KERN_SUCCESS;
    }

    /** thread_basic_info of {@code t}. */
    static ThreadBasicInfo basic(Thread t) {
        SchedPrim sched = t.sched();
        long[] times = t.times();
        sched.lock.lock();
        try {
            int sleep = Thread.isRunState(t.state) ? 0 : (int) ((sched.ticks() - t.lastRanTick) / sched.hz());
            return new ThreadBasicInfo(micros(times[0]), micros(times[1]), sched.cpuUsage(t), t.priority,
                    t.schedPri, runState(t), 0, t.suspendCount, sleep,
                    TimeValue.ofMicros(t.createdMillis() * 1000));
        } finally {
            sched.lock.unlock();
        }
    }

    /** thread_sched_info of {@code t}. */
    static ThreadSchedInfo sched(Thread t) {
        SchedPrim sched = t.sched();
        sched.lock.lock();
        try {
            return new ThreadSchedInfo(t.policy, t.policyData, t.priority, t.maxPriority, t.schedPri,
                    t.depressed ? 1 : 0, t.priority, t.lastProcessor);
        } finally {
            sched.lock.unlock();
        }
    }

    /** The TH_STATE_ of a thread. Conditions: the scheduler lock held. */
    static int runState(Thread t) {
        return switch (t.state) {
            case SchedPrim.RUNNING, SchedPrim.RUNNABLE, SchedPrim.LENT -> ThreadInfo.TH_STATE_RUNNING;
            case SchedPrim.WAITING -> t.resumeWakeup != null || t.deferred != null ? ThreadInfo.TH_STATE_STOPPED
                    : ThreadInfo.TH_STATE_WAITING;
            case SchedPrim.HALTED -> ThreadInfo.TH_STATE_HALTED;
            default -> ThreadInfo.TH_STATE_STOPPED;
        };
    }

    private static TimeValue micros(long nanos) {
        return TimeValue.ofMicros(nanos / 1000);
    }
}
