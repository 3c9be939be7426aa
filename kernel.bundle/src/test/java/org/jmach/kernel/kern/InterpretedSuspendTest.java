package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.ThreadInfo.TH_STATE_STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * A running interpreted thread that is suspended (thread_suspend,
 * task_suspend) stops between slices holding no Java thread: it waits with
 * a continuation until it is resumed, and then runs on. Nothing here
 * asserts on time; the waits are guards.
 */
class InterpretedSuspendTest extends MigTestBase {

    /** An endless loop adding one to the doubleword at DATA. */
    static RvAsm counterLoop() {
        RvAsm a = new RvAsm();
        a.li(S0, (int) RvPrograms.DATA);
        int loop = a.here();
        a.ld(T0, S0, 0).addi(T0, T0, 1).sd(T0, S0, 0).jal(0, loop);
        return a;
    }

    static long counter(Task t) {
        byte[] b = new byte[8];
        t.memory().read(RvPrograms.DATA, b, 0, 8);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static Thread interpreted(Task t) {
        return t.threadList().stream().filter(x -> x.interpreter() != null).findFirst().orElseThrow();
    }

    /** The thread is stopped with a continuation, and no Java thread of the pool acts for it. */
    void awaitStoppedWithoutAJavaThread(Task owner, Thread t) throws Exception {
        await("the thread stops with a continuation", t::blockedWithContinuation);
        String javaName = "mach " + owner.name() + "." + t.name();
        await("no Java thread acts for it", () -> java.lang.Thread.getAllStackTraces().keySet().stream()
                .noneMatch(j -> j.getName().equals(javaName)));
        long c = counter(owner);
        assertTrue(t.blockedWithContinuation(), "still stopped");
        assertEquals(c, counter(owner), "a stopped thread does not run");
    }

    long receiveRights(Task t) {
        return kernel.ipc().portNames(t.space()).stream()
                .filter(p -> (p.type() & MACH_PORT_TYPE_RECEIVE) != 0).count();
    }

    @Test
    void aSuspendedRunningThreadHoldsNoJavaThreadAndRunsOnWhenResumed() throws Exception {
        RvPrograms.load(self, task, counterLoop());
        int thread = RvPrograms.thread(self, task, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program runs", () -> counter(taskA) > 0);
        Thread t = interpreted(taskA);
        for (int round = 0; round < 3; round++) {
            assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
            awaitStoppedWithoutAJavaThread(taskA, t);
            assertEquals(TH_STATE_STOPPED, basicInfo(thread).runState());
            assertEquals(1, basicInfo(thread).suspendCount());
            long stoppedAt = counter(taskA);
            assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
            await("the program runs on (round " + round + ")", () -> counter(taskA) > stoppedAt);
        }
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        await("the thread ends", t::isTerminated);
        awaitThreadPortDead(thread);
    }

    @Test
    void twoSuspensionsNeedTwoResumptions() throws Exception {
        RvPrograms.load(self, task, counterLoop());
        int thread = RvPrograms.thread(self, task, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program runs", () -> counter(taskA) > 0);
        Thread t = interpreted(taskA);
        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
        awaitStoppedWithoutAJavaThread(taskA, t);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        awaitStoppedWithoutAJavaThread(taskA, t);
        long stoppedAt = counter(taskA);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program runs on", () -> counter(taskA) > stoppedAt);
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        await("the thread ends", t::isTerminated);
    }

    @Test
    void aSuspendedTasksThreadHoldsNoJavaThreadAndRunsOnWhenTheTaskIsResumed() throws Exception {
        Task b = kernel.taskCreate("b");
        int bPort = kernel.ipc().makeSendCopyout(b.ports().kernelPort(), taskA.space());
        RvPrograms.load(self, bPort, counterLoop());
        int thread = RvPrograms.thread(self, bPort, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program runs", () -> counter(b) > 0);
        Thread t = interpreted(b);
        assertEquals(KERN_SUCCESS, self.mach().taskSuspend(bPort));
        awaitStoppedWithoutAJavaThread(b, t);
        long stoppedAt = counter(b);
        assertEquals(KERN_SUCCESS, self.mach().taskResume(bPort));
        await("the program runs on", () -> counter(b) > stoppedAt);
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(bPort));
        await("the thread ends", t::isTerminated);
    }

    @Test
    void aThreadTerminatedWhileStoppedEndsAndLeavesNoPort() throws Exception {
        RvPrograms.load(self, task, counterLoop());
        int thread = RvPrograms.thread(self, task, RvPrograms.CODE);
        long before = receiveRights(taskA);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program runs", () -> counter(taskA) > 0);
        Thread t = interpreted(taskA);
        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
        awaitStoppedWithoutAJavaThread(taskA, t);
        assertEquals(before + 1, receiveRights(taskA), "the thread's wakeup port");
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        await("the thread ends", t::isTerminated);
        awaitThreadPortDead(thread);
        await("its wakeup port is gone", () -> receiveRights(taskA) == before);
    }
}
