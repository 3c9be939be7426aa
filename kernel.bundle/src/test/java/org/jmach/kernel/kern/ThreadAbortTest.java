package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INTERRUPTED;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_INTERRUPT;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_INTERRUPT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.ThreadInfo.TH_STATE_WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.Test;

/**
 * thread_abort, as a MIG routine on a thread port: a thread blocked in
 * mach_msg returns MACH_RCV_INTERRUPTED (or MACH_SEND_INTERRUPTED for a
 * send blocked on a full queue) when it asked to see interruptions;
 * libmach's mach_msg, which did not ask, waits again and still gets its
 * message.
 */
class ThreadAbortTest extends MigTestBase {

    @Test
    void anAbortedReceiveIsRcvInterrupted() throws Exception {
        int port = receiveRight();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        int thread = start(traps -> result.complete(traps.machMsgTrap(new MachMessage(64),
                MACH_RCV_MSG | MACH_RCV_INTERRUPT, 0, 64, port, 0, MACH_PORT_NULL)));
        awaitWaiting(thread);
        assertEquals(KERN_SUCCESS, self.mach().threadAbort(thread));
        assertEquals(MACH_RCV_INTERRUPTED, (int) result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anAbortedSendOnAFullQueueIsSendInterrupted() throws Exception {
        int port = receiveRight();
        assertEquals(KERN_SUCCESS, self.machPort().machPortSetQlimit(task, port, 1));
        assertEquals(MACH_MSG_SUCCESS, send(self, port, 0));
        CompletableFuture<Integer> result = new CompletableFuture<>();
        int thread = start(traps -> result.complete(send(traps, port, MACH_SEND_INTERRUPT)));
        awaitWaiting(thread);
        assertEquals(KERN_SUCCESS, self.mach().threadAbort(thread));
        assertEquals(MACH_SEND_INTERRUPTED, (int) result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void libmachMachMsgWaitsAgainAfterAnAbortAndGetsItsMessage() throws Exception {
        int port = receiveRight();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        int thread = start(traps -> {
            MachMessage m = new MachMessage(64);
            int mr = traps.machMsg(m, MACH_RCV_MSG, 0, 64, port, 0, MACH_PORT_NULL);
            result.complete(mr == MACH_MSG_SUCCESS ? m.msghId() : mr);
        });
        awaitWaiting(thread);
        assertEquals(KERN_SUCCESS, self.mach().threadAbort(thread));
        awaitWaiting(thread);
        assertEquals(MACH_MSG_SUCCESS, send(self, port, 0));
        assertEquals(1234, (int) result.get(10, TimeUnit.SECONDS));
    }

    private int receiveRight() {
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, name));
        return name[0];
    }

    /** A thread of the test task running {@code body}, made and started through MIG. */
    private int start(java.util.function.Consumer<MachTraps> body) {
        long pc = self.nativeEntry((traps, args) -> body.accept(traps));
        int thread = createThread(task, pc);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        return thread;
    }

    private void awaitWaiting(int thread) throws InterruptedException {
        await("blocked in mach_msg", () -> basicInfo(thread).runState() == TH_STATE_WAITING);
    }

    /** An empty message, id 1234, to {@code port} (a receive right of the test task). */
    private static int send(MachTraps traps, int port, int option) {
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), port, MACH_PORT_NULL, 1234);
        return traps.machMsgTrap(m, MACH_SEND_MSG | option, m.endBody(), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
    }
}
