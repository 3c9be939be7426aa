package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.A0;
import static org.jmach.kernel.kern.RvAsm.A1;
import static org.jmach.kernel.kern.RvAsm.A7;
import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.jmach.mach.MachMessage;
import org.junit.jupiter.api.Test;

/**
 * Timed waits of interpreted threads hold no Java thread: a mach_msg
 * receive with MACH_RCV_TIMEOUT and thread_switch with SWITCH_OPTION_WAIT
 * block with a continuation, ended by a message, thread_abort, or their
 * timeout. Nothing here asserts on time: a long timeout only keeps the
 * wait there while the test looks at it.
 */
class InterpretedTimedWaitTest extends InterpretedTestBase {





    int port() {
        int[] port = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, port));
        return port[0];
    }

    /** mach_msg(DATA + 256, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 256, port, timeout, 0); exit(result + msgh_id). */
    static RvAsm timedReceive(int port, int timeout) {
        RvAsm a = new RvAsm();
        a.li(S0, (int) DATA + 256).sw(0, S0, 28);
        a.li(A0, (int) DATA + 256).li(A1, MACH_RCV_MSG | MACH_RCV_TIMEOUT).li(12, 0).li(13, 256)
                .li(14, port).li(15, timeout).li(16, 0).call(-25);
        a.lw(T0, S0, 28).add(A0, A0, T0).call(93);
        return a;
    }

    /** thread_switch(0, SWITCH_OPTION_WAIT, time); exit(result + 7). */
    static RvAsm switchWait(int time) {
        RvAsm a = new RvAsm();
        a.li(A0, 0).li(A1, SWITCH_OPTION_WAIT).li(12, time).call(-61);
        a.addi(A0, A0, 7).call(93);
        return a;
    }

    @Test
    void aReceiveWithATimeoutHoldsNoJavaThreadAndTakesTheMessageThatComes() throws Exception {
        AtomicLong exit = exitEmulation();
        int port = port();
        Thread t = start(timedReceive(port, LONG));
        awaitWaitingWithoutAJavaThread(t);
        MachMessage m = new MachMessage(64);
        m.setHeader(MACH_MSG_TYPE_MAKE_SEND_ONCE, port, 0, 4242);
        assertEquals(KERN_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(4242, exit.get() & 0xffff_ffffL);
    }

    @Test
    void aReceiveWhoseTimeoutPassesReturnsTimedOut() throws Exception {
        AtomicLong exit = exitEmulation();
        start(timedReceive(port(), 20));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(MACH_RCV_TIMED_OUT, (int) exit.get());
    }

    @Test
    void threadSwitchWaitHoldsNoJavaThreadAndEndsWithThreadAbort() throws Exception {
        AtomicLong exit = exitEmulation();
        Thread t = start(switchWait(LONG));
        awaitWaitingWithoutAJavaThread(t);
        assertEquals(KERN_SUCCESS, t.abort());
        await("the program exits", () -> exit.get() != -1);
        assertEquals(7, exit.get(), "thread_switch returned KERN_SUCCESS");
    }

    @Test
    void threadSwitchWaitEndsWhenItsTimeIsUp() throws Exception {
        AtomicLong exit = exitEmulation();
        start(switchWait(10));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(7, exit.get(), "thread_switch returned KERN_SUCCESS");
    }

    @Test
    void aThreadTerminatedInATimedWaitEnds() throws Exception {
        exitEmulation();
        Thread t = start(switchWait(LONG));
        awaitWaitingWithoutAJavaThread(t);
        t.terminate();
        await("the thread ends", t::isTerminated);
    }
}
