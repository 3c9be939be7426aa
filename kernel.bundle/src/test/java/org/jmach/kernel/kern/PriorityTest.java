package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_NO_ACCESS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Policy.BASEPRI_USER;
import static org.jmach.mach.Policy.MAXPRI;
import static org.jmach.mach.Policy.POLICY_FIXEDPRI;
import static org.jmach.mach.Policy.POLICY_TIMESHARE;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_BASIC_INFO;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_BASIC_INFO_COUNT;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_SCHED_INFO;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_SCHED_INFO_COUNT;
import static org.jmach.mach.TaskInfo.TASK_BASIC_INFO;
import static org.jmach.mach.TaskInfo.TASK_BASIC_INFO_COUNT;
import static org.jmach.mach.ThreadInfo.THREAD_SCHED_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_SCHED_INFO_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.mach.TaskBasicInfo;
import org.jmach.mach.ThreadSchedInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Priorities and their ceilings, as GNU Mach's priority scenarios drive
 * them through mach_host.defs and gnumach.defs: a task's ceiling passes to
 * its new threads and child tasks; raising a ceiling needs privilege
 * (host_priv for a task, the set's control port for a thread); a processor
 * set's ceiling clamps the threads assigned to it; fixed priority is a
 * policy a set must enable. Lower numbers are better.
 */
class PriorityTest extends SchedTestBase {

    private int task;
    private int host;
    private int hostPriv;

    @BeforeEach
    void start() {
        boot(8);
        task = self.machTaskSelf();
        host = self.machHostSelf();
        hostPriv = kernel.hostPrivGive(taskA);
    }

    // ---- Helpers ----

    private int childTask(int parent) {
        int[] child = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().taskCreate(parent, 0, child));
        return child[0];
    }

    /** thread_create in {@code taskPort}; the thread stays new and suspended. */
    private int newThread(int taskPort) {
        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(taskPort, thread));
        return thread[0];
    }

    private ThreadSchedInfo sched(int thread) {
        int[] info = new int[THREAD_SCHED_INFO_COUNT];
        int[] count = {THREAD_SCHED_INFO_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().threadInfo(thread, THREAD_SCHED_INFO, info, count));
        return ThreadSchedInfo.decode(info);
    }

    private int taskBasePriority(int taskPort) {
        int[] info = new int[TASK_BASIC_INFO_COUNT];
        int[] count = {TASK_BASIC_INFO_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().taskInfo(taskPort, TASK_BASIC_INFO, info, count));
        return TaskBasicInfo.decode(info).basePriority();
    }

    /** processor_set_create: {control, name}. */
    private int[] newSet() {
        int[] set = new int[1];
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetCreate(host, set, name));
        assertNotEquals(MACH_PORT_NULL, set[0]);
        assertNotEquals(MACH_PORT_NULL, name[0]);
        assertNotEquals(set[0], name[0]);
        return new int[] {set[0], name[0]};
    }

    private int[] setInfo(int setName, int flavor, int words) {
        int[] info = new int[words];
        int[] count = {words};
        int[] infoHost = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetInfo(setName, flavor, infoHost, info, count));
        assertEquals(words, count[0]);
        assertEquals(host, infoHost[0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, infoHost[0]));
        return info;
    }

    private void assertPriorities(int thread, int base, int max) {
        ThreadSchedInfo s = sched(thread);
        assertEquals(base, s.basePriority(), "base priority");
        assertEquals(max, s.maxPriority(), "ceiling");
    }

    // ---- Scenarios ----

    /**
     * Re-expresses GNU Mach's task_max_priority scenario: a task whose
     * ceiling is lowered to 80 (with set_priority) gives it to the threads
     * it creates afterwards, and to a child task and that child's threads;
     * a thread it had before keeps its own without change_threads.
     */
    @Test
    void aLoweredTaskCeilingPassesToNewThreadsAndChildTasks() {
        int parent = childTask(task);
        int before = newThread(parent);
        assertPriorities(before, BASEPRI_USER, MAXPRI);

        assertEquals(KERN_SUCCESS, self.gnumach().taskMaxPriority(host, parent, 80, 1, 0));
        assertEquals(80, taskBasePriority(parent));
        assertPriorities(before, BASEPRI_USER, MAXPRI);

        int after = newThread(parent);
        assertPriorities(after, 80, 80);

        int child = childTask(parent);
        assertEquals(80, taskBasePriority(child));
        int grandThread = newThread(child);
        assertPriorities(grandThread, 80, 80);
        // The child's ceiling is 80 too: a better priority is refused.
        assertEquals(KERN_NO_ACCESS, self.machHost().taskPriority(child, 70, 0));

        // change_threads brings the earlier thread under the ceiling.
        assertEquals(KERN_SUCCESS, self.gnumach().taskMaxPriority(host, parent, 85, 0, 1));
        assertPriorities(before, 85, 85);
        assertPriorities(after, 85, 85);

        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(child));
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(parent));
    }

    /**
     * Re-expresses GNU Mach's privilege rule for priorities: raising a
     * task's ceiling (a lower number) with the plain host port is
     * KERN_NO_ACCESS and succeeds with host_priv; task_priority and
     * thread_priority better than the ceiling are KERN_NO_ACCESS, equal or
     * worse succeed.
     */
    @Test
    void raisingACeilingNeedsHostPrivAndPrioritiesStayUnderTheirCeiling() {
        int t = childTask(task);
        assertEquals(KERN_SUCCESS, self.gnumach().taskMaxPriority(host, t, 80, 1, 0));
        int thread = newThread(t);
        assertPriorities(thread, 80, 80);

        assertEquals(KERN_NO_ACCESS, self.gnumach().taskMaxPriority(host, t, BASEPRI_USER, 0, 0));
        // A host port is needed at all: the task's own port is no host.
        assertEquals(KERN_INVALID_ARGUMENT, self.gnumach().taskMaxPriority(t, t, 90, 0, 0));

        assertEquals(KERN_NO_ACCESS, self.machHost().taskPriority(t, 79, 0));
        assertEquals(KERN_SUCCESS, self.machHost().taskPriority(t, 80, 0));
        assertEquals(KERN_SUCCESS, self.machHost().taskPriority(t, 90, 1));
        assertEquals(90, taskBasePriority(t));
        assertPriorities(thread, 90, 80);

        assertEquals(KERN_NO_ACCESS, self.machHost().threadPriority(thread, 79, 0));
        assertPriorities(thread, 90, 80);
        assertEquals(KERN_SUCCESS, self.machHost().threadPriority(thread, 80, 0));
        assertPriorities(thread, 80, 80);
        assertEquals(KERN_SUCCESS, self.machHost().threadPriority(thread, 100, 0));
        assertPriorities(thread, 100, 80);
        // set_max lowers the ceiling with the priority; it cannot be raised back this way.
        assertEquals(KERN_SUCCESS, self.machHost().threadPriority(thread, 100, 1));
        assertPriorities(thread, 100, 100);
        assertEquals(KERN_NO_ACCESS, self.machHost().threadPriority(thread, 90, 0));
        assertEquals(KERN_INVALID_ARGUMENT, self.machHost().threadPriority(thread, 128, 0));
        assertEquals(KERN_INVALID_ARGUMENT, self.machHost().threadPriority(thread, -1, 0));

        // host_priv may raise the task's ceiling back, and then its priority.
        assertEquals(KERN_SUCCESS, self.gnumach().taskMaxPriority(hostPriv, t, BASEPRI_USER, 0, 0));
        assertEquals(KERN_SUCCESS, self.machHost().taskPriority(t, BASEPRI_USER, 0));
        assertEquals(BASEPRI_USER, taskBasePriority(t));
        assertPriorities(newThread(t), BASEPRI_USER, BASEPRI_USER);

        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(t));
    }

    /**
     * Re-expresses GNU Mach's processor set ceiling scenario: a new set
     * with processor_set_max_priority 90; a task assigned to it makes
     * threads at 90 or worse; change_threads lowers the ceilings and
     * priorities of the threads already in the set, and without it they
     * keep theirs while new threads get the new ceiling.
     */
    @Test
    void aProcessorSetCeilingClampsItsThreads() {
        int[] set = newSet();
        assertEquals(KERN_SUCCESS, self.machHost().processorSetMaxPriority(set[0], 90, 0));
        // The name port is no control port.
        assertEquals(KERN_INVALID_ARGUMENT, self.machHost().processorSetMaxPriority(set[1], 80, 0));
        assertEquals(90, setInfo(set[1], PROCESSOR_SET_SCHED_INFO, PROCESSOR_SET_SCHED_INFO_COUNT)[1]);

        int t = childTask(task);
        assertEquals(KERN_SUCCESS, self.machHost().taskAssign(t, set[0], 0));
        int[] assigned = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().taskGetAssignment(t, assigned));
        assertEquals(set[1], assigned[0]);

        int first = newThread(t);
        ThreadSchedInfo s = sched(first);
        assertTrue(s.maxPriority() >= 90, "ceiling " + s.maxPriority());
        assertTrue(s.basePriority() >= 90, "base " + s.basePriority());
        assertPriorities(first, 90, 90);
        assertEquals(KERN_SUCCESS, self.machHost().threadGetAssignment(first, assigned));
        assertEquals(set[1], assigned[0]);

        // change_threads: existing threads come down to the new ceiling.
        assertEquals(KERN_SUCCESS, self.machHost().processorSetMaxPriority(set[0], 100, 1));
        assertPriorities(first, 100, 100);
        int second = newThread(t);
        assertPriorities(second, 100, 100);

        // Without change_threads: existing threads keep theirs, new ones get the new ceiling.
        assertEquals(KERN_SUCCESS, self.machHost().processorSetMaxPriority(set[0], 110, 0));
        assertPriorities(first, 100, 100);
        assertPriorities(second, 100, 100);
        assertPriorities(newThread(t), 110, 110);

        // A thread of the default set is untouched by this set's ceiling.
        int outside = newThread(task);
        assertPriorities(outside, BASEPRI_USER, MAXPRI);

        int[] basic = setInfo(set[1], PROCESSOR_SET_BASIC_INFO, PROCESSOR_SET_BASIC_INFO_COUNT);
        assertEquals(0, basic[0], "processors");
        assertEquals(1, basic[1], "tasks");
        assertEquals(3, basic[2], "threads");

        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(outside));
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(t));
        assertEquals(KERN_SUCCESS, self.machHost().processorSetDestroy(set[0]));
    }

    /**
     * Re-expresses GNU Mach's thread_max_priority scenario: raising a
     * thread's ceiling takes its processor set's control port, which
     * host_processor_set_priv gives for the default set only with host_priv;
     * the name port processor_set_default returns is refused, and so is the
     * control port of a set that is not the thread's.
     */
    @Test
    void threadMaxPriorityTakesTheControlPortOfTheThreadsSet() {
        int t = childTask(task);
        assertEquals(KERN_SUCCESS, self.gnumach().taskMaxPriority(host, t, 80, 1, 0));
        int thread = newThread(t);
        assertPriorities(thread, 80, 80);

        int[] defaultName = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetDefault(host, defaultName));
        int[] control = new int[1];
        assertEquals(KERN_INVALID_HOST, self.machHost().hostProcessorSetPriv(host, defaultName[0], control));
        assertEquals(KERN_SUCCESS, self.machHost().hostProcessorSetPriv(hostPriv, defaultName[0], control));
        assertNotEquals(defaultName[0], control[0]);

        assertEquals(KERN_INVALID_ARGUMENT, self.machHost().threadMaxPriority(thread, defaultName[0], 40));
        assertPriorities(thread, 80, 80);

        int[] other = newSet();
        assertEquals(KERN_FAILURE, self.machHost().threadMaxPriority(thread, other[0], 40));

        assertEquals(KERN_SUCCESS, self.machHost().threadMaxPriority(thread, control[0], 40));
        assertPriorities(thread, 80, 40);
        assertEquals(KERN_SUCCESS, self.machHost().threadPriority(thread, 40, 0));
        assertPriorities(thread, 40, 40);
        // Lowering the ceiling below the priority brings the priority down with it.
        assertEquals(KERN_SUCCESS, self.machHost().threadMaxPriority(thread, control[0], 60));
        assertPriorities(thread, 60, 60);

        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(t));
        assertEquals(KERN_SUCCESS, self.machHost().processorSetDestroy(other[0]));
    }

    /**
     * Re-expresses GNU Mach's thread_policy scenario: POLICY_FIXEDPRI is
     * KERN_FAILURE until the thread's set enables it, then the thread runs
     * fixed-priority with the quantum asked for; disabling it with
     * change_threads puts the thread back on timesharing.
     * processor_set_info reports the set's counts, policies and ceiling.
     */
    @Test
    void fixedPriorityIsAPolicyTheSetMustEnable() {
        int[] set = newSet();
        int[][] list = new int[1][];
        assertEquals(KERN_INVALID_HOST, self.machHost().hostProcessors(host, list));
        assertEquals(KERN_SUCCESS, self.machHost().hostProcessors(hostPriv, list));
        assertEquals(8, list[0].length);
        // One processor serves the new set.
        assertEquals(KERN_SUCCESS, self.machHost().processorAssign(list[0][7], set[0], 1));
        int[] assigned = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().processorGetAssignment(list[0][7], assigned));
        assertEquals(set[1], assigned[0]);
        for (int p : list[0]) {
            assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, p));
        }

        int t = childTask(task);
        int thread = newThread(t);
        assertEquals(KERN_SUCCESS, self.machHost().taskAssign(t, set[0], 1));

        int[] sched = setInfo(set[1], PROCESSOR_SET_SCHED_INFO, PROCESSOR_SET_SCHED_INFO_COUNT);
        assertEquals(POLICY_TIMESHARE, sched[0]);
        assertEquals(MAXPRI, sched[1]);
        int[] basic = setInfo(set[1], PROCESSOR_SET_BASIC_INFO, PROCESSOR_SET_BASIC_INFO_COUNT);
        assertEquals(1, basic[0], "processors");
        assertEquals(1, basic[1], "tasks");
        assertEquals(1, basic[2], "threads");

        assertEquals(KERN_FAILURE, self.machHost().threadPolicy(thread, POLICY_FIXEDPRI, 10));
        assertEquals(POLICY_TIMESHARE, sched(thread).policy());
        assertEquals(KERN_INVALID_ARGUMENT, self.machHost().threadPolicy(thread, 4, 10));

        assertEquals(KERN_SUCCESS, self.machHost().processorSetPolicyEnable(set[0], POLICY_FIXEDPRI));
        sched = setInfo(set[1], PROCESSOR_SET_SCHED_INFO, PROCESSOR_SET_SCHED_INFO_COUNT);
        assertEquals(POLICY_TIMESHARE | POLICY_FIXEDPRI, sched[0]);

        assertEquals(KERN_SUCCESS, self.machHost().threadPolicy(thread, POLICY_FIXEDPRI, 10));
        ThreadSchedInfo s = sched(thread);
        assertEquals(POLICY_FIXEDPRI, s.policy());
        assertEquals(10, s.data());
        assertEquals(s.basePriority(), s.curPriority());

        // Timesharing cannot be disabled; fixed priority can, and change_threads moves the thread back.
        assertEquals(KERN_INVALID_ARGUMENT,
                self.machHost().processorSetPolicyDisable(set[0], POLICY_TIMESHARE, 1));
        assertEquals(KERN_SUCCESS, self.machHost().processorSetPolicyDisable(set[0], POLICY_FIXEDPRI, 1));
        assertEquals(POLICY_TIMESHARE, sched(thread).policy());
        assertEquals(KERN_FAILURE, self.machHost().threadPolicy(thread, POLICY_FIXEDPRI, 10));

        // processor_set_tasks and processor_set_threads list what processor_set_info counts.
        int[][] tasks = new int[1][];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetTasks(set[0], tasks));
        assertEquals(1, tasks[0].length);
        assertEquals(t, tasks[0][0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, tasks[0][0]));
        int[][] threads = new int[1][];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetThreads(set[0], threads));
        assertEquals(1, threads[0].length);
        assertEquals(thread, threads[0][0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, threads[0][0]));

        // Destroying the set gives its processor, task and thread back to the default set.
        assertEquals(KERN_SUCCESS, self.machHost().processorSetDestroy(set[0]));
        int[] defaultName = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetDefault(host, defaultName));
        assertEquals(KERN_SUCCESS, self.machHost().taskGetAssignment(t, assigned));
        assertEquals(defaultName[0], assigned[0]);
        int[] all = setInfo(defaultName[0], PROCESSOR_SET_BASIC_INFO, PROCESSOR_SET_BASIC_INFO_COUNT);
        assertEquals(8, all[0], "processors");
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(t));
    }
}
