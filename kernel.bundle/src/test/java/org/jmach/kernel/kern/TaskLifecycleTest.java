package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE_COUNT;
import static org.jmach.mach.Policy.BASEPRI_USER;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.TaskInfo.TASK_BASIC_INFO;
import static org.jmach.mach.TaskInfo.TASK_BASIC_INFO_COUNT;
import static org.jmach.mach.TaskInfo.TASK_EVENTS_INFO;
import static org.jmach.mach.TaskInfo.TASK_EVENTS_INFO_COUNT;
import static org.jmach.mach.TaskInfo.TASK_THREAD_TIMES_INFO;
import static org.jmach.mach.TaskInfo.TASK_THREAD_TIMES_INFO_COUNT;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_KERNEL_PORT;
import static org.jmach.mach.ThreadInfo.THREAD_SCHED_INFO_COUNT;
import static org.jmach.mach.ThreadInfo.TH_STATE_RUNNING;
import static org.jmach.mach.ThreadInfo.TH_STATE_STOPPED;
import static org.jmach.mach.ThreadSpecialPorts.THREAD_EXCEPTION_PORT;
import static org.jmach.mach.ThreadSpecialPorts.THREAD_KERNEL_PORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jmach.hw.Machine;
import org.jmach.mach.NativeEntry;
import org.jmach.mach.NativeThreadState;
import org.jmach.mach.TaskBasicInfo;
import org.jmach.mach.TaskEventsInfo;
import org.jmach.mach.TaskThreadTimesInfo;
import org.jmach.mach.ThreadBasicInfo;
import org.junit.jupiter.api.Test;

/**
 * A task's life through the kernel's MIG routines, as GNU Mach's task and
 * thread tests drive it: task_create, task_suspend and task_resume,
 * task_set_name, thread_create with thread_set_state and thread_resume,
 * thread_terminate and task_terminate, the info flavors, register sets and
 * special ports.
 */
class TaskLifecycleTest extends MigTestBase {

    // ---- Helpers ----

    /** task_create from the test task: the child's port name. */
    private int childTask() {
        int[] child = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().taskCreate(task, 0, child));
        assertNotEquals(MACH_PORT_NULL, child[0]);
        return child[0];
    }

    /** The kernel's task a port name stands for, found by the name task_set_name gave it. */
    private Task named(int taskPort, String name) {
        assertEquals(KERN_SUCCESS, self.gnumach().taskSetName(taskPort, name));
        return kernel.tasks().stream().filter(t -> name.equals(t.name())).findFirst().orElseThrow();
    }

    private TaskBasicInfo taskBasicInfo(int taskPort) {
        int[] info = new int[TASK_BASIC_INFO_COUNT];
        int[] count = {TASK_BASIC_INFO_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().taskInfo(taskPort, TASK_BASIC_INFO, info, count));
        assertEquals(TASK_BASIC_INFO_COUNT, count[0]);
        return TaskBasicInfo.decode(info);
    }

    /** An entry that records that it ran and its first argument, then yields until terminated. */
    private static NativeEntry spinner(AtomicBoolean ran, AtomicLong arg, AtomicBoolean returned) {
        return (traps, args) -> {
            arg.set(args[0]);
            ran.set(true);
            while (traps.swtch() != KERN_TERMINATED) {
                // Runs until thread_terminate or task_terminate.
            }
            returned.set(true);
        };
    }

    // ---- Scenarios ----

    /**
     * Re-expresses GNU Mach's task lifecycle scenario: a child task is
     * created and suspended, named, given a thread whose registers are set
     * and which is resumed: the thread stays stopped while its task is
     * suspended and runs once the task is resumed. thread_terminate ends
     * the thread; task_terminate ends the task, a second thread with it,
     * and the task's port dies (a request to it is MACH_SEND_INVALID_DEST).
     */
    @Test
    void aThreadOfASuspendedTaskWaitsForTheTaskToResumeAndTerminationEndsEverything() throws Exception {
        int child = childTask();
        assertEquals(0, taskBasicInfo(child).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().taskSuspend(child));
        assertEquals(1, taskBasicInfo(child).suspendCount());

        Task kernelChild = named(child, "lifecycle child");
        assertTrue(kernelChild.isActive());
        assertEquals(0, threadCount(child));

        AtomicBoolean ran = new AtomicBoolean();
        AtomicLong arg = new AtomicLong();
        AtomicBoolean returned = new AtomicBoolean();
        long pc = kernelChild.nativeEntry(spinner(ran, arg, returned));
        int thread = createThread(child, pc, 4242);
        assertEquals(1, basicInfo(thread).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        assertEquals(0, basicInfo(thread).suspendCount());
        assertEquals(1, threadCount(child));

        // Resumed itself but in a suspended task: it does not run.
        for (int i = 0; i < 50; i++) {
            assertEquals(TH_STATE_STOPPED, basicInfo(thread).runState());
            java.lang.Thread.sleep(1);
        }
        assertFalse(ran.get());

        assertEquals(KERN_SUCCESS, self.mach().taskResume(child));
        assertEquals(0, taskBasicInfo(child).suspendCount());
        await("the thread runs once its task resumes", ran::get);
        assertEquals(4242, arg.get());
        assertEquals(TH_STATE_RUNNING, basicInfo(thread).runState());

        // thread_terminate: the thread's code sees KERN_TERMINATED and returns; the thread leaves its task.
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        await("the terminated thread's code returned", returned::get);
        await("the terminated thread left its task", () -> threadCount(child) == 0);
        awaitThreadPortDead(thread);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, thread));

        // A second thread runs when task_terminate ends it with its task.
        AtomicBoolean ran2 = new AtomicBoolean();
        AtomicBoolean returned2 = new AtomicBoolean();
        int thread2 = createThread(child, kernelChild.nativeEntry(spinner(ran2, new AtomicLong(), returned2)));
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread2));
        await("the second thread runs", ran2::get);

        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(child));
        assertFalse(kernelChild.isActive());
        await("task_terminate ended the second thread's code", returned2::get);
        assertFalse(kernel.tasks().contains(kernelChild));

        // The task's port is dead: every request to it fails before reaching the kernel.
        int[] tinfo = new int[TASK_BASIC_INFO_COUNT];
        int[] tcount = {TASK_BASIC_INFO_COUNT};
        assertEquals(MACH_SEND_INVALID_DEST, self.mach().taskInfo(child, TASK_BASIC_INFO, tinfo, tcount));
        assertEquals(MACH_SEND_INVALID_DEST, self.mach().taskSuspend(child));
        assertEquals(MACH_SEND_INVALID_DEST, self.mach().taskTerminate(child));
        int[] none = new int[1];
        assertEquals(MACH_SEND_INVALID_DEST, self.mach().threadCreate(child, none));
        awaitThreadPortDead(thread2);
        assertEquals(MACH_SEND_INVALID_DEST, self.mach().threadResume(thread2));
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, thread2));
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, child));
    }

    /**
     * task_suspend and task_resume count, as in GNU Mach: resuming a task
     * that is not suspended is KERN_FAILURE; two suspensions need two
     * resumptions.
     */
    @Test
    void taskSuspensionsAreCounted() {
        int child = childTask();
        assertEquals(KERN_FAILURE, self.mach().taskResume(child));
        assertEquals(KERN_SUCCESS, self.mach().taskSuspend(child));
        assertEquals(KERN_SUCCESS, self.mach().taskSuspend(child));
        assertEquals(2, taskBasicInfo(child).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().taskResume(child));
        assertEquals(1, taskBasicInfo(child).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().taskResume(child));
        assertEquals(0, taskBasicInfo(child).suspendCount());
        assertEquals(KERN_FAILURE, self.mach().taskResume(child));
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(child));
    }

    /**
     * thread_suspend and thread_resume count, as in GNU Mach: a new thread
     * starts suspended once and runs when the count reaches zero; a running
     * thread suspended stops at its next kernel entry and runs again when
     * resumed; one resumption too many is KERN_FAILURE.
     */
    @Test
    void threadSuspensionsAreCountedAndStopARunningThread() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        int thread = createThread(task, self.nativeEntry(spinner(ran, new AtomicLong(), returned)));
        assertEquals(1, basicInfo(thread).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
        assertEquals(2, basicInfo(thread).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        assertEquals(1, basicInfo(thread).suspendCount());
        assertEquals(TH_STATE_STOPPED, basicInfo(thread).runState());
        assertFalse(ran.get());

        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the thread starts when its count reaches zero", ran::get);
        assertEquals(KERN_FAILURE, self.mach().threadResume(thread));

        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
        await("a suspended running thread stops", () -> basicInfo(thread).runState() == TH_STATE_STOPPED);
        assertEquals(1, basicInfo(thread).suspendCount());
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("a resumed thread runs again", () -> basicInfo(thread).runState() == TH_STATE_RUNNING);
        assertEquals(KERN_FAILURE, self.mach().threadResume(thread));

        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        await("the thread's code returned", returned::get);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, thread));
    }

    /**
     * task_info's three flavors decode to sensible values: a new task at
     * BASEPRI_USER, its memory in virtual_size, its messages in the events
     * and its threads' times; an unknown flavor is KERN_INVALID_ARGUMENT and
     * a count too small KERN_FAILURE, for task_info as for thread_info.
     */
    @Test
    void taskInfoFlavorsDecodeAndBadRequestsAreRefused() {
        int child = childTask();
        TaskBasicInfo fresh = taskBasicInfo(child);
        assertEquals(0, fresh.suspendCount());
        assertEquals(BASEPRI_USER, fresh.basePriority());
        assertEquals(0, fresh.virtualSize());
        assertEquals(0, fresh.userTime().toMicros());
        assertEquals(0, fresh.systemTime().toMicros());
        assertTrue(fresh.creationTime().toMicros() > 0);

        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(child, address, 3 * Machine.PAGE_SIZE, 1));
        assertEquals(3L * Machine.PAGE_SIZE, taskBasicInfo(child).virtualSize());
        assertTrue(taskBasicInfo(child).residentSize() >= 0);

        // The test task has sent and received the replies of every call above.
        int[] events = new int[TASK_EVENTS_INFO_COUNT];
        int[] count = {TASK_EVENTS_INFO_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().taskInfo(task, TASK_EVENTS_INFO, events, count));
        assertEquals(TASK_EVENTS_INFO_COUNT, count[0]);
        TaskEventsInfo ev = TaskEventsInfo.decode(events);
        assertTrue(ev.messagesSent() > 0, "messages sent: " + ev.messagesSent());
        assertTrue(ev.messagesReceived() > 0, "messages received: " + ev.messagesReceived());

        int[] times = new int[TASK_THREAD_TIMES_INFO_COUNT];
        count[0] = TASK_THREAD_TIMES_INFO_COUNT;
        assertEquals(KERN_SUCCESS, self.mach().taskInfo(task, TASK_THREAD_TIMES_INFO, times, count));
        assertEquals(TASK_THREAD_TIMES_INFO_COUNT, count[0]);
        TaskThreadTimesInfo tt = TaskThreadTimesInfo.decode(times);
        assertTrue(tt.userTime().toMicros() >= 0 && tt.systemTime().toMicros() >= 0);
        assertTrue(tt.userTime().microseconds() < 1_000_000 && tt.systemTime().microseconds() < 1_000_000);

        int[] big = new int[64];
        int[] bigCount = {64};
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().taskInfo(child, 99, big, bigCount));
        int[] small = {TASK_BASIC_INFO_COUNT - 1};
        assertEquals(KERN_FAILURE, self.mach().taskInfo(child, TASK_BASIC_INFO, big, small));

        int thread = self.machThreadSelf();
        int[] threadCount = {64};
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().threadInfo(thread, 99, big, threadCount));
        threadCount[0] = THREAD_SCHED_INFO_COUNT - 1;
        assertEquals(KERN_FAILURE, self.mach().threadInfo(thread, 2, big, threadCount));
        ThreadBasicInfo mine = basicInfo(thread);
        assertEquals(TH_STATE_RUNNING, mine.runState());
        assertEquals(BASEPRI_USER, mine.basePriority());
        assertEquals(0, mine.suspendCount());

        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(child));
    }

    /**
     * thread_get_state returns the registers thread_set_state set, as GNU
     * Mach's thread state tests check; another flavor, too small a count or
     * too few words are KERN_INVALID_ARGUMENT.
     */
    @Test
    void threadStateRoundTrips() {
        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(task, thread));
        int[] state = new int[NATIVE_THREAD_STATE_COUNT];
        int[] count = {NATIVE_THREAD_STATE_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().threadGetState(thread[0], NATIVE_THREAD_STATE, state, count));
        assertEquals(0, NativeThreadState.decode(state).pc());

        NativeThreadState set = NativeThreadState.of(77, 1, -2, 3L << 40, 4, 5, 6, 7, Long.MIN_VALUE);
        assertEquals(KERN_SUCCESS, self.mach().threadSetState(thread[0], NATIVE_THREAD_STATE, set.toWords()));
        count[0] = NATIVE_THREAD_STATE_COUNT;
        assertEquals(KERN_SUCCESS, self.mach().threadGetState(thread[0], NATIVE_THREAD_STATE, state, count));
        assertEquals(NATIVE_THREAD_STATE_COUNT, count[0]);
        NativeThreadState got = NativeThreadState.decode(state);
        assertEquals(77, got.pc());
        assertArrayEquals(set.args(), got.args());

        count[0] = NATIVE_THREAD_STATE_COUNT;
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().threadGetState(thread[0], 1, state, count));
        count[0] = NATIVE_THREAD_STATE_COUNT - 1;
        assertEquals(KERN_INVALID_ARGUMENT,
                self.mach().threadGetState(thread[0], NATIVE_THREAD_STATE, state, count));
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().threadSetState(thread[0], 1, set.toWords()));
        assertEquals(KERN_INVALID_ARGUMENT,
                self.mach().threadSetState(thread[0], NATIVE_THREAD_STATE, new int[NATIVE_THREAD_STATE_COUNT - 2]));

        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread[0]));
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, thread[0]));
    }

    /**
     * Special ports round trip, as GNU Mach's task_get/set_special_port
     * tests: the kernel port is the task's own, an exception port set comes
     * back under the caller's name for it and MACH_PORT_NULL clears it; the
     * thread's exception port likewise; an unknown id is KERN_INVALID_ARGUMENT.
     */
    @Test
    void specialPortsRoundTrip() {
        int child = childTask();
        int[] got = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().taskGetSpecialPort(child, TASK_KERNEL_PORT, got));
        assertEquals(child, got[0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, got[0]));

        int[] exc = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, exc));
        assertEquals(KERN_SUCCESS, self.machPort().machPortInsertRight(task, exc[0], exc[0], MACH_MSG_TYPE_MAKE_SEND));

        assertEquals(KERN_SUCCESS, self.mach().taskGetSpecialPort(child, TASK_EXCEPTION_PORT, got));
        assertEquals(MACH_PORT_NULL, got[0]);
        assertEquals(KERN_SUCCESS, self.mach().taskSetSpecialPort(child, TASK_EXCEPTION_PORT, exc[0]));
        assertEquals(KERN_SUCCESS, self.mach().taskGetSpecialPort(child, TASK_EXCEPTION_PORT, got));
        assertEquals(exc[0], got[0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, got[0]));
        assertEquals(KERN_SUCCESS, self.mach().taskSetSpecialPort(child, TASK_EXCEPTION_PORT, MACH_PORT_NULL));
        assertEquals(KERN_SUCCESS, self.mach().taskGetSpecialPort(child, TASK_EXCEPTION_PORT, got));
        assertEquals(MACH_PORT_NULL, got[0]);
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().taskGetSpecialPort(child, 99, got));
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().taskSetSpecialPort(child, 99, exc[0]));

        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(child, thread));
        assertEquals(KERN_SUCCESS, self.mach().threadGetSpecialPort(thread[0], THREAD_KERNEL_PORT, got));
        assertEquals(thread[0], got[0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, got[0]));
        assertEquals(KERN_SUCCESS, self.mach().threadSetSpecialPort(thread[0], THREAD_EXCEPTION_PORT, exc[0]));
        assertEquals(KERN_SUCCESS, self.mach().threadGetSpecialPort(thread[0], THREAD_EXCEPTION_PORT, got));
        assertEquals(exc[0], got[0]);
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, got[0]));
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().threadGetSpecialPort(thread[0], 99, got));

        // Names: thread_set_name and thread_get_name; a task's name is what task_set_name gave it.
        assertEquals(KERN_SUCCESS, self.gnumach().threadSetName(thread[0], "worker"));
        String[] name = new String[1];
        assertEquals(KERN_SUCCESS, self.gnumach().threadGetName(thread[0], name));
        assertEquals("worker", name[0]);
        Task kernelChild = named(child, "special ports");
        assertNotNull(kernelChild);
        assertEquals("special ports", kernelChild.name());

        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(child));
        assertNull(kernel.task(kernelChild.id()));
    }
}
