package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.mach.NativeThreadState;
import org.jmach.mach.ThreadBasicInfo;
import org.junit.jupiter.api.BeforeEach;

/**
 * A booted kernel of eight processors driven through its MIG routines from
 * the test's own thread (attached to task a), as GNU Mach's task and thread
 * tests drive theirs: thread_create with its registers set, thread_info,
 * task_threads, and a wait for an ended thread's port to die.
 */
abstract class MigTestBase extends SchedTestBase {

    /** The test task's name for itself (mach_task_self). */
    int task;

    @BeforeEach
    void bootWithTheTestThread() {
        boot(8);
        task = self.machTaskSelf();
    }

    /** thread_create in {@code taskPort} with its registers set to {@code pc} and {@code args}; not resumed. */
    int createThread(int taskPort, long pc, long... args) {
        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(taskPort, thread));
        assertEquals(KERN_SUCCESS, self.mach().threadSetState(thread[0], NATIVE_THREAD_STATE,
                NativeThreadState.of(pc, args).toWords()));
        return thread[0];
    }

    /** thread_info(THREAD_BASIC_INFO), checking the count it returns. */
    ThreadBasicInfo basicInfo(int thread) {
        int[] info = new int[THREAD_BASIC_INFO_COUNT];
        int[] count = {THREAD_BASIC_INFO_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().threadInfo(thread, THREAD_BASIC_INFO, info, count));
        assertEquals(THREAD_BASIC_INFO_COUNT, count[0]);
        return ThreadBasicInfo.decode(info);
    }

    /** task_threads of {@code taskPort}, with the names it returned deallocated; returns the count. */
    int threadCount(int taskPort) {
        int[][] list = new int[1][];
        assertEquals(KERN_SUCCESS, self.mach().taskThreads(taskPort, list));
        for (int name : list[0]) {
            assertNotEquals(MACH_PORT_NULL, name);
            // A thread that ends while the reply travels arrives as MACH_PORT_DEAD: nothing to deallocate.
            if (name != MACH_PORT_DEAD) {
                assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, name), "name " + name);
            }
        }
        return list[0].length;
    }

    /**
     * Waits until requests to an ended thread's port fail with
     * MACH_SEND_INVALID_DEST: between the thread's end and its port's
     * death the kernel refuses it as no thread (KERN_INVALID_ARGUMENT).
     */
    void awaitThreadPortDead(int thread) throws InterruptedException {
        int[] info = new int[THREAD_BASIC_INFO_COUNT];
        int[] count = new int[1];
        await("the ended thread's port dies", () -> {
            count[0] = THREAD_BASIC_INFO_COUNT;
            int kr = self.mach().threadInfo(thread, THREAD_BASIC_INFO, info, count);
            // KERN_SUCCESS: still ending; KERN_INVALID_ARGUMENT: ended, its port not yet destroyed.
            assertTrue(kr == KERN_SUCCESS || kr == KERN_INVALID_ARGUMENT || kr == MACH_SEND_INVALID_DEST,
                    "thread_info: " + kr);
            return kr == MACH_SEND_INVALID_DEST;
        });
    }
}
