package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.A0;
import static org.jmach.kernel.kern.RvAsm.A1;
import static org.jmach.kernel.kern.RvAsm.A7;
import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_TIMED_OUT;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.MSGH_BITS_OFFSET;
import static org.jmach.mach.Message.MSGH_ID_OFFSET;
import static org.jmach.mach.Message.MSGH_LOCAL_PORT_OFFSET;
import static org.jmach.mach.Message.MSGH_REMOTE_PORT_OFFSET;
import static org.jmach.mach.Message.MSGH_SIZE_OFFSET;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.ThreadInfo.TH_STATE_STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.jmach.mach.MachMessage;
import org.junit.jupiter.api.Test;

/**
 * The last waits of an interpreted thread that held a Java thread now hold
 * none: a send to a full queue (the message waits with the thread), a
 * system call of the task's emulation that waits in mach_msg, and a
 * continuation woken while its thread is suspended (kept for the
 * resumption). Nothing here asserts on time; the waits are guards.
 */
class InterpretedBlockedWaitTest extends InterpretedTestBase {

    static final int HEADER = org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;



    int threadName(Thread t) {
        return kernel.ipc().makeSendCopyout(t.ports().kernelPort(), taskA.space());
    }


    /** A port of the test's task with a send right, queueing at most one message. */
    int fullablePort() {
        int port = portWithSendRight();
        assertEquals(KERN_SUCCESS, self.machPort().machPortSetQlimit(task, port, 1));
        return port;
    }

    /** Writes a header-only message to {@code port} (copy-send) with {@code id} at DATA + 256. */
    static void header(RvAsm a, int port, int id) {
        a.li(S0, (int) DATA + 256);
        a.li(T0, machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0)).sw(T0, S0, MSGH_BITS_OFFSET);
        a.li(T0, HEADER).sw(T0, S0, MSGH_SIZE_OFFSET);
        a.li(T0, port).sw(T0, S0, MSGH_REMOTE_PORT_OFFSET).sw(0, S0, MSGH_LOCAL_PORT_OFFSET);
        a.li(T0, id).sw(T0, S0, MSGH_ID_OFFSET);
    }

    /** mach_msg(DATA + 256, option, HEADER, 0, 0, timeout, 0): a send. */
    static void send(RvAsm a, int option, int timeout) {
        a.li(A0, (int) DATA + 256).li(A1, option).li(12, HEADER).li(13, 0).li(14, 0).li(15, timeout).li(16, 0)
                .call(-25);
    }

    /** Three sends of ids 1, 2, 3 with no timeout; exit(sum of the results). */
    static RvAsm threeSends(int port) {
        RvAsm a = new RvAsm();
        a.li(RvAsm.S1, 0);
        for (int id = 1; id <= 3; id++) {
            header(a, port, id);
            send(a, MACH_SEND_MSG, 0);
            a.add(RvAsm.S1, RvAsm.S1, A0);
        }
        a.add(A0, RvAsm.S1, 0).call(93);
        return a;
    }

    int receiveId(int port, int timeout) {
        MachMessage m = new MachMessage(256);
        int mr = self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 256, port, timeout, 0);
        return mr == KERN_SUCCESS ? m.msghId() : mr;
    }

    void sendId(int port, int id) {
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), port, 0, id);
        assertEquals(KERN_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
    }

    @Test
    void aSendToAFullQueueHoldsNoJavaThreadAndGoesOnWhenThereIsRoom() throws Exception {
        AtomicLong exit = exitEmulation();
        int port = fullablePort();
        Thread t = start(threeSends(port));
        for (int id = 1; id <= 2; id++) {
            // A wait is "mach_msg send" only while it lasts: the one just ended is never taken for the next.
            await("it waits in its next send", () -> "mach_msg send".equals(t.waitDescription()));
            awaitWaitingWithoutAJavaThread(t);
            assertEquals(-1, exit.get(), "the program waits in its send of " + (id + 1));
            assertEquals(id, receiveId(port, LONG), "messages come in order");
        }
        assertEquals(3, receiveId(port, LONG));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(0, exit.get(), "every send returned MACH_MSG_SUCCESS");
    }

    @Test
    void aSendWhoseTimeoutPassesGetsItsMessageBackAndTheQueueKeepsItsOwn() throws Exception {
        AtomicLong exit = exitEmulation();
        int port = fullablePort();
        sendId(port, 77);
        RvAsm a = new RvAsm();
        header(a, port, 5);
        send(a, MACH_SEND_MSG | MACH_SEND_TIMEOUT, 20);
        a.lw(T0, S0, MSGH_ID_OFFSET).li(RvAsm.S1, 1000).mul(T0, T0, RvAsm.S1).add(A0, A0, T0).call(93);
        start(a);
        await("the program exits", () -> exit.get() != -1);
        assertEquals(MACH_SEND_TIMED_OUT + 5 * 1000, (int) exit.get(), "timed out, the header given back");
        assertEquals(77, receiveId(port, 0));
        assertEquals(MACH_RCV_TIMED_OUT, receiveId(port, 0), "the timed-out message was not queued");
    }

    @Test
    void aThreadTerminatedWhileItsSendWaitsEndsAndItsMessageIsNotQueued() throws Exception {
        exitEmulation();
        int port = fullablePort();
        sendId(port, 77);
        RvAsm a = new RvAsm();
        header(a, port, 5);
        send(a, MACH_SEND_MSG, 0);
        a.call(93);
        Thread t = start(a);
        awaitWaitingWithoutAJavaThread(t);
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(threadName(t)));
        await("the thread ends", t::isTerminated);
        assertEquals(77, receiveId(port, 0));
        assertEquals(MACH_RCV_TIMED_OUT, receiveId(port, 0));
    }

    /** receive on {@code port} into DATA + 256; exit(msgh_id). */
    static RvAsm receiveThenExit(int port) {
        RvAsm a = new RvAsm();
        a.li(S0, (int) DATA + 256).sw(0, S0, MSGH_ID_OFFSET);
        a.li(A0, (int) DATA + 256).li(A1, MACH_RCV_MSG).li(12, 0).li(13, 256).li(14, port).li(15, 0).li(16, 0)
                .call(-25);
        a.lw(A0, S0, MSGH_ID_OFFSET).call(93);
        return a;
    }

    /** A program waiting in a receive, suspended, then sent a message; its exit, its thread and their name. */
    record WokenWhileSuspended(AtomicLong exit, Thread t, int thread) {
    }

    WokenWhileSuspended wokenWhileSuspended() throws Exception {
        AtomicLong exit = exitEmulation();
        int port = fullablePort();
        Thread t = start(receiveThenExit(port));
        awaitWaitingWithoutAJavaThread(t);
        int thread = threadName(t);
        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(thread));
        sendId(port, 4242);
        await("the woken continuation is kept for the resumption", () -> t.deferred != null);
        return new WokenWhileSuspended(exit, t, thread);
    }

    @Test
    void aContinuationWokenWhileItsThreadIsSuspendedWaitsForTheResumptionWithoutAJavaThread() throws Exception {
        WokenWhileSuspended w = wokenWhileSuspended();
        AtomicLong exit = w.exit();
        int thread = w.thread();
        assertEquals(TH_STATE_STOPPED, basicInfo(thread).runState());
        assertEquals(-1, exit.get(), "a suspended thread does not run");
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(4242, exit.get());
    }

    @Test
    void aThreadTerminatedWhileSuspendedWithAWokenContinuationEnds() throws Exception {
        WokenWhileSuspended w = wokenWhileSuspended();
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(w.thread()));
        await("the thread ends", w.t()::isTerminated);
        assertEquals(-1, w.exit().get(), "it ran no further instruction");
    }

    @Test
    void anEmulatedCallThatWaitsInMachMsgHoldsNoJavaThread() throws Exception {
        AtomicLong exit = new AtomicLong(-1);
        int port = fullablePort();
        int[] calls = new int[1];
        taskA.setEmulation((traps, regs) -> {
            if (regs.x(A7) == 93) {
                exit.set(regs.x(A0));
                traps.mach().threadTerminate(traps.machThreadSelf());
                return;
            }
            calls[0]++;
            MachMessage m = new MachMessage(256);
            int mr = traps.machMsgContinue(m, MACH_RCV_MSG, 0, 256, port, 0, 0,
                    (self2, got, result) -> regs.setX(A0, result == KERN_SUCCESS ? got.msghId() : result));
            if (mr != MACH_RCV_IN_PROGRESS) {
                regs.setX(A0, mr == KERN_SUCCESS ? m.msghId() : mr);
            }
        });
        RvAsm a = new RvAsm();
        a.call(63).add(RvAsm.S1, A0, 0).call(63).add(A0, A0, RvAsm.S1).call(93);
        Thread t = start(a);
        awaitWaitingWithoutAJavaThread(t);
        sendId(port, 40);
        await("the second call waits", () -> calls[0] == 2);
        awaitWaitingWithoutAJavaThread(t);
        sendId(port, 2);
        await("the program exits", () -> exit.get() != -1);
        assertEquals(42, exit.get(), "each call's continuation set its result");
        assertNotNull(t);
    }
}
