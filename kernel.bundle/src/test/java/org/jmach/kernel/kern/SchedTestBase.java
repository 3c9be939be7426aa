package org.jmach.kernel.kern;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.AfterEach;

/**
 * A booted kernel for scheduler tests, with a task whose first thread is
 * the test's own Java thread, and a bounded wait for conditions that other
 * threads make true (a guard, never a measurement).
 */
abstract class SchedTestBase {

    Startup kernel;
    Task taskA;
    Thread main;
    MachTraps self;

    void boot(int processors) {
        boot(processors, true);
    }

    /** Boots; with {@code attachMain} the test's Java thread becomes a thread of task a and holds a processor. */
    void boot(int processors, boolean attachMain) {
        kernel = TestMachine.boot(TestMachine.of(processors), "test");
        taskA = kernel.taskCreate("a");
        if (attachMain) {
            main = taskA.threadAttach("main");
            self = main.traps();
        }
    }

    @AfterEach
    void halt() {
        if (main != null) {
            main.detach();
        }
        if (kernel != null) {
            kernel.shutdown();
        }
    }

    /**
     * A new processor set as task a sees it: the processors' ports
     * ({@code host_processors}, with host_priv), the set's control port,
     * and host_priv.
     */
    record NewSet(int[] processors, int set, int hostPriv) {
    }

    /**
     * host_processors with host_priv, processor_set_create, then
     * processor_assign of the processor in slot {@code slot} to the new set
     * (-1: none).
     */
    NewSet newSet(int slot) {
        org.jmach.mach.MachHostUser host = self.machHost();
        int hostPriv = kernel.hostPrivGive(taskA);
        int[][] processors = new int[1][];
        org.junit.jupiter.api.Assertions.assertEquals(org.jmach.mach.KernReturn.KERN_SUCCESS,
                host.hostProcessors(hostPriv, processors));
        int[] set = new int[1];
        int[] setName = new int[1];
        org.junit.jupiter.api.Assertions.assertEquals(org.jmach.mach.KernReturn.KERN_SUCCESS,
                host.processorSetCreate(self.machHostSelf(), set, setName));
        if (slot >= 0) {
            org.junit.jupiter.api.Assertions.assertEquals(org.jmach.mach.KernReturn.KERN_SUCCESS,
                    host.processorAssign(processors[0][slot], set[0], 1));
        }
        return new NewSet(processors[0], set[0], hostPriv);
    }

    /** A receive right of the test's task, with a send right under the same name; returns the name. */
    int portWithSendRight() {
        int task = self.machTaskSelf();
        int[] name = new int[1];
        org.junit.jupiter.api.Assertions.assertEquals(org.jmach.mach.KernReturn.KERN_SUCCESS,
                self.machPort().machPortAllocate(task, org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE, name));
        org.junit.jupiter.api.Assertions.assertEquals(org.jmach.mach.KernReturn.KERN_SUCCESS,
                self.machPort().machPortInsertRight(task, name[0], name[0],
                        org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND));
        self.machPort().machPortDeallocate(task, task);
        return name[0];
    }

    /** Waits until {@code condition} holds, for at most ten seconds of host time. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        boolean held = condition.getAsBoolean();
        for (int i = 0; i < 10_000 && !held; i++) {
            java.lang.Thread.sleep(1);
            held = condition.getAsBoolean();
        }
        // The verdict is the look that ended the wait: the condition may pass again by the next one.
        assertTrue(held, what);
    }

    /** A thread's scheduling state, read under the scheduler lock. */
    int state(Thread t) {
        kernel.sched().lock.lock();
        try {
            return t.state;
        } finally {
            kernel.sched().lock.unlock();
        }
    }
}
