package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.ThreadInfo.TH_STATE_RUNNING;
import static org.jmach.mach.ThreadInfo.TH_STATE_WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jmach.mach.MachMessage;
import org.jmach.mach.NativeEntry;
import org.junit.jupiter.api.Test;

/**
 * task_threads as GNU Mach's task tests use it: the list of a task's
 * threads grows as thread_create makes threads and shrinks as they end,
 * and every name it returns is a send right the caller deallocates.
 */
class TaskThreadsTest extends MigTestBase {

    /** thread_create, thread_set_state at {@code entry}, thread_resume: returns the new thread's name. */
    private int spawn(NativeEntry entry) {
        int thread = createThread(task, self.nativeEntry(entry));
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        return thread;
    }

    /**
     * Re-expresses GNU Mach's task_threads scenario: one thread, two more
     * started (one spinning with swtch, one blocked in a mach_msg receive),
     * then one returning from its entry and the other ended by
     * thread_terminate: the count goes 1, 3, 2, 1.
     */
    @Test
    void taskThreadsCountsThreadsAsTheyStartAndEnd() throws Exception {
        assertEquals(1, threadCount(task));

        int[] port = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, port));
        AtomicBoolean spinnerStarted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean receiverStarted = new AtomicBoolean();
        AtomicBoolean receiverReturned = new AtomicBoolean();

        int spinner = spawn((traps, args) -> {
            spinnerStarted.set(true);
            while (!stop.get() && traps.swtch() != KERN_TERMINATED) {
                // Yields until told to return.
            }
        });
        int receiver = spawn((traps, args) -> {
            receiverStarted.set(true);
            traps.machMsg(new MachMessage(256), MACH_RCV_MSG, 0, 256, port[0], 0, MACH_PORT_NULL);
            receiverReturned.set(true);
        });

        await("both threads run", () -> spinnerStarted.get() && receiverStarted.get());
        await("the receiver waits in mach_msg", () -> basicInfo(receiver).runState() == TH_STATE_WAITING);
        assertEquals(TH_STATE_RUNNING, basicInfo(spinner).runState());
        assertEquals(3, threadCount(task));

        // The spinner's entry returns: the thread ends.
        stop.set(true);
        await("the spinner has ended", () -> threadCount(task) == 2);
        // Its kernel port dies with it.
        awaitThreadPortDead(spinner);

        // thread_terminate ends the receiver's wait and the thread.
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(receiver));
        await("the receiver has ended", () -> threadCount(task) == 1);
        await("the receiver's entry returned", receiverReturned::get);

        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, spinner));
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, receiver));
        assertEquals(1, threadCount(task));
    }

    /**
     * A thread made by thread_create counts from the moment it exists, even
     * before it first runs; thread_terminate of a thread never resumed
     * removes it at once.
     */
    @Test
    void aCreatedThreadCountsBeforeItRunsAndLeavesWhenTerminated() {
        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(task, thread));
        assertEquals(2, threadCount(task));
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread[0]));
        assertEquals(1, threadCount(task));
        assertEquals(KERN_SUCCESS, self.machPort().machPortDeallocate(task, thread[0]));
        assertTrue(taskA.isActive());
    }
}
