package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INTERRUPTED;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.Test;

/**
 * A native thread's mach_msg with a continuation blocks in a send to a
 * full queue without its Java stack (MACH_SEND_IN_PROGRESS): the message
 * waits with the thread, is queued when a receiver makes room, then the
 * same call's receive is made, and the continuation gets the result of
 * the whole call. Nothing here asserts on time; the waits are guards.
 */
class SendContinuationTest extends SchedTestBase {

    /** A receive right of the test's task with a send right, queueing at most {@code qlimit} messages. */
    int port(int qlimit) {
        int name = portWithSendRight();
        assertEquals(KERN_SUCCESS, self.machPort().machPortSetQlimit(self.machTaskSelf(), name, qlimit));
        return name;
    }

    static MachMessage message(int port, int id) {
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), port, 0, id);
        m.endBody();
        return m;
    }

    int receiveId(int port) {
        MachMessage m = new MachMessage(64);
        int mr = self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, port, 10_000, 0);
        return mr == KERN_SUCCESS ? m.msghId() : mr;
    }

    /** What a sender's continuation saw: the call's result and the id of the message it holds. */
    record Seen(int result, int id) {
    }

    @Test
    void aSendToAFullQueueBlocksWithItsContinuationAndTheCallsReceiveFollows() throws Exception {
        boot(2);
        int full = port(1);
        int replies = port(4);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(message(full, 1), MACH_SEND_MSG, 32, 0, 0, 0, 0));
        AtomicInteger first = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Seen[] seen = new Seen[1];
        Thread sender = taskA.threadCreate("sender", traps -> {
            MachMessage m = message(full, 2);
            first.set(traps.machMsgContinue(m, MACH_SEND_MSG | MACH_RCV_MSG, 32, 64, replies, 0, 0,
                    (MachTraps t, MachMessage got, int result) -> {
                        seen[0] = new Seen(result, got.msghId());
                        done.countDown();
                    }));
        });
        await("the sender blocks in its send", () -> "mach_msg send".equals(sender.waitDescription()));
        assertEquals(MACH_SEND_IN_PROGRESS, first.get());
        assertTrue(sender.join(10_000), "the sender's Java code returned: it waits without a stack");
        assertEquals(1, receiveId(full), "room made");
        assertEquals(2, receiveId(full), "the waiting message was queued");
        await("the sender now waits in the call's receive", () -> "mach_msg receive (continuation)"
                .equals(sender.waitDescription()));
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(message(replies, 3), MACH_SEND_MSG, 32, 0, 0, 0, 0));
        assertTrue(done.await(10, TimeUnit.SECONDS), "the continuation ran");
        assertEquals(new Seen(MACH_MSG_SUCCESS, 3), seen[0]);
        await("the sender ends", sender::isTerminated);
    }

    @Test
    void thread_abortEndsASendWaitWithSendInterruptedAndTheMessageBack() throws Exception {
        boot(2);
        int full = port(1);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(message(full, 1), MACH_SEND_MSG, 32, 0, 0, 0, 0));
        CountDownLatch done = new CountDownLatch(1);
        Seen[] seen = new Seen[1];
        Thread sender = taskA.threadCreate("sender", traps -> traps.machMsgContinue(message(full, 2), MACH_SEND_MSG,
                32, 0, 0, 0, 0, (MachTraps t, MachMessage got, int result) -> {
                    seen[0] = new Seen(result, got.msghId());
                    done.countDown();
                }));
        await("the sender blocks in its send", () -> "mach_msg send".equals(sender.waitDescription()));
        assertEquals(KERN_SUCCESS, sender.abort());
        assertTrue(done.await(10, TimeUnit.SECONDS), "the continuation ran");
        assertEquals(new Seen(MACH_SEND_INTERRUPTED, 2), seen[0], "interrupted, the message given back");
        assertEquals(1, receiveId(full));
        assertEquals(org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT, receiveAtOnce(full), "nothing else was queued");
    }

    int receiveAtOnce(int port) {
        MachMessage m = new MachMessage(64);
        return self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, port, 0, 0);
    }
}
