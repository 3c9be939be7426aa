package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jmach.mach.MachMessage;
import org.jmach.mach.Port;
import org.junit.jupiter.api.Test;

/**
 * A thread that blocked in mach_msg with a continuation has no stack in
 * Mach, but in jmach the Java code that blocked it still unwinds (the
 * trap's exit, the rest of its body or of the continuation that blocked
 * again) while a sender may already have woken it, and a pooled Java thread
 * waits to run its continuation. The unwinding code must not act for the
 * thread any more: it must not end it (its continuation would then run on
 * no processor) nor give its processor away and wait for another (two Java
 * threads would then wait for one Mach thread, and the scheduler wakes only
 * one of them: the other, and the thread that lent it its processor, are
 * lost). Both windows are held open here by a body that waits, after
 * mach_msg returned MACH_RCV_IN_PROGRESS, until the message was sent.
 */
class ContinuationUnwindTest extends SchedTestBase {

    /** What the server's continuation saw when it ran. */
    private record Run(boolean onProcessor, boolean halted, int result) {
    }

    @Test
    void aContinuationWokenWhileItsBodyUnwindsRunsOnAProcessor() throws Exception {
        boot(3);
        Run run = serveOnce(false);
        assertEquals(MACH_MSG_SUCCESS, run.result());
        assertTrue(run.onProcessor() && !run.halted(), "the continuation runs as a live thread on a processor: " + run);
    }

    @Test
    void theTrapExitOfAThreadWokenWhileItUnwindsDoesNotWaitForAProcessor() throws Exception {
        boot(3);
        Run run = serveOnce(true);
        assertEquals(MACH_MSG_SUCCESS, run.result());
        assertTrue(run.onProcessor() && !run.halted(), "the continuation runs as a live thread on a processor: " + run);
    }

    /**
     * A server thread blocks with a continuation and keeps unwinding until
     * the test has sent it a message (and, with {@code suspendAndCheck},
     * suspended it: its trap exit then passes a checkpoint with an AST
     * pending); it must return, and the continuation must run once, on a
     * processor, once the server is resumed.
     */
    private Run serveOnce(boolean suspendAndCheck) throws Exception {
        AtomicInteger port = new AtomicInteger();
        AtomicReference<Thread> server = new AtomicReference<>();
        AtomicReference<Run> ran = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch continued = new CountDownLatch(1);
        Thread s = taskA.threadCreate("server", traps -> {
            int task = traps.machTaskSelf();
            int[] name = new int[1];
            traps.machPort().machPortAllocate(task, Port.MACH_PORT_RIGHT_RECEIVE, name);
            traps.machPort().machPortInsertRight(task, name[0], name[0],
                    org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND);
            port.set(name[0]);
            MachMessage buffer = new MachMessage(64);
            int mr = traps.machMsgContinue(buffer, MACH_RCV_MSG, 0, 64, name[0], 0, 0, (t, msg, result) -> {
                Thread me = server.get();
                kernel.sched().lock.lock();
                try {
                    ran.set(new Run(me.processor != null && me.processor.active == me, me.state == SchedPrim.HALTED
                            || me.isTerminated(), result));
                } finally {
                    kernel.sched().lock.unlock();
                }
                runs.incrementAndGet();
                continued.countDown();
            });
            assertEquals(MACH_RCV_IN_PROGRESS, mr);
            blocked.countDown();
            try {
                // Still unwinding: the thread is blocked for the kernel, and the test wakes it now.
                assertTrue(sent.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (suspendAndCheck) {
                // What Traps' exit does after mach_msg blocked with a continuation.
                server.get().checkpoint();
            }
        });
        server.set(s);
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        int target = port.get();
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), target, 0, 77);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
        int serverPort = s.ports().taskSelf(taskA.space());
        if (suspendAndCheck) {
            assertEquals(KERN_SUCCESS, self.mach().threadSuspend(serverPort));
        }
        sent.countDown();
        if (suspendAndCheck) {
            await("the server stops", () -> state(s) == SchedPrim.STOPPED);
            assertEquals(KERN_SUCCESS, self.mach().threadResume(serverPort));
        }
        assertTrue(s.join(10_000), "the body that blocked with a continuation returns: "
                + KernelDebug.threads(kernel, taskA.id()) + " " + KernelDebug.processors(kernel));
        assertTrue(continued.await(10, TimeUnit.SECONDS), "the continuation runs: "
                + KernelDebug.threads(kernel, taskA.id()) + " " + KernelDebug.processors(kernel));
        await("the server ends", s::isTerminated);
        assertEquals(1, runs.get());
        return ran.get();
    }
}
