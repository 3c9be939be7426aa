package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.A0;
import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.jmach.kernel.vm.TestPager;
import org.jmach.mach.MachUser;
import org.junit.jupiter.api.Test;

/**
 * A page fault of an interpreted thread that must wait for a memory
 * manager holds no Java thread: the thread blocks with a continuation
 * until VM changes, then runs the faulting instruction again.
 */
class InterpretedFaultWaitTest extends InterpretedTestBase {

    static final int PAGE = 4096;

    /** An external manager (a native task) whose data_request answers only once the test says so. */
    TestPager heldPager(long value) throws Exception {
        byte[] page = new byte[PAGE];
        ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        TestPager pager = TestPager.external(kernel, "slow-pager", Map.of(0L, page));
        pager.hold = new CountDownLatch(1);
        pager.giveSendRight(kernel, taskA);
        return pager;
    }

    /** vm_map of the pager's object in task a; returns the address. */
    long map(TestPager pager) throws Exception {
        long[] a = {0};
        assertEquals(KERN_SUCCESS, new MachUser(self.mig()).vmMap(task, a, PAGE, 0, 1, pager.port(), 0, 0,
                VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY));
        assertTrue(a[0] > 0 && a[0] < Integer.MAX_VALUE, "an address li can load: " + a[0]);
        return a[0];
    }

    /** A program that loads the doubleword at {@code at} and exits with it (see {@link #exitEmulation}). */
    int loadAndExit(long at) {
        RvAsm a = new RvAsm();
        a.li(S0, (int) at).ld(A0, S0, 0).call(93);
        RvPrograms.load(self, task, a);
        return RvPrograms.thread(self, task, RvPrograms.CODE);
    }

    Thread interpreted() {
        return taskA.threadList().stream().filter(x -> x.interpreter() != null).findFirst().orElseThrow();
    }

    /** The thread waits with a continuation, and no Java thread of the pool acts for it. */
    void awaitWaitingWithoutAJavaThread(Thread t, TestPager pager) throws Exception {
        await("the manager was asked for the page", () -> !pager.logged("data_request").isEmpty());
        await("the fault waits with a continuation", t::blockedWithContinuation);
        String javaName = "mach " + taskA.name() + "." + t.name();
        await("no Java thread acts for it", () -> java.lang.Thread.getAllStackTraces().keySet().stream()
                .noneMatch(j -> j.getName().equals(javaName)));
        assertTrue(t.blockedWithContinuation(), "still waiting: the manager has not answered");
    }

    long receiveRights() {
        return kernel.ipc().portNames(taskA.space()).stream()
                .filter(p -> (p.type() & MACH_PORT_TYPE_RECEIVE) != 0).count();
    }

    @Test
    void aFaultWaitingForItsManagerHoldsNoJavaThreadAndResumesWhenTheDataComes() throws Exception {
        TestPager pager = heldPager(0x1234_5678_9abcL);
        long at = map(pager);
        AtomicLong exit = exitEmulation();
        int thread = loadAndExit(at);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        Thread t = interpreted();
        awaitWaitingWithoutAJavaThread(t, pager);
        assertEquals(-1, exit.get());
        pager.hold.countDown();
        await("the program exits", () -> exit.get() != -1);
        assertEquals(0x1234_5678_9abcL, exit.get());
        awaitThreadPortDead(thread);
    }

    /**
     * Runs exit(mach_msg(msg, MACH_SEND_MSG, size, 0, 0, 0, 0)), whose send
     * needs a page {@code pager} holds ({@code data}, if not null, is
     * written to the program's data page first): the thread waits for it
     * with no Java thread; once the pager answers, the trap is made again
     * and succeeds. Returns the message received from {@code port}.
     */
    org.jmach.mach.MachMessage sendWaitingFor(TestPager pager, long msg, int size, byte[] data, int port)
            throws Exception {
        AtomicLong exit = exitEmulation();
        RvAsm a = new RvAsm();
        a.li(A0, (int) msg).li(RvAsm.A1, MACH_SEND_MSG).li(12, size).li(13, 0).li(14, 0).li(15, 0).li(16, 0)
                .call(-25).call(93);
        RvPrograms.load(self, task, a);
        if (data != null) {
            assertEquals(KERN_SUCCESS, self.store(RvPrograms.DATA, data, 0, data.length));
        }
        int thread = RvPrograms.thread(self, task, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        awaitWaitingWithoutAJavaThread(interpreted(), pager);
        pager.hold.countDown();
        await("the program exits", () -> exit.get() != -1);
        assertEquals(KERN_SUCCESS, (int) exit.get(), "the trap made again once the page came");
        org.jmach.mach.MachMessage got = new org.jmach.mach.MachMessage(128);
        assertEquals(KERN_SUCCESS, self.machMsg(got, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 128, port, 0, 0));
        return got;
    }

    @Test
    void aMessageWhosePageIsWithItsManagerIsSentOnceItComesAndNoJavaThreadWaits() throws Exception {
        int port = portWithSendRight();
        byte[] page = new byte[PAGE];
        org.jmach.mach.MachMessage header = new org.jmach.mach.MachMessage(ByteBuffer.wrap(page)
                .order(ByteOrder.LITTLE_ENDIAN));
        header.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), port, 0, 99).endBody();
        TestPager pager = TestPager.external(kernel, "slow-pager", Map.of(0L, page));
        pager.hold = new CountDownLatch(1);
        pager.giveSendRight(kernel, taskA);
        assertEquals(99, sendWaitingFor(pager, map(pager), MACH_MSG_HEADER_SIZE, null, port).msghId());
    }

    @Test
    void outOfLinePortNamesWhosePageIsWithItsManagerAreSentOnceItComesAndNoJavaThreadWaits() throws Exception {
        int port = portWithSendRight();
        TestPager pager = heldPager(port); // the page holds one port name: the port's own
        // The kernel must read the names to copy the rights in: the page has to come first.
        org.jmach.mach.MachMessage m = new org.jmach.mach.MachMessage(128);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), port, 0, 98);
        m.putOutOfLinePorts(MACH_MSG_TYPE_COPY_SEND, 1, map(pager), false);
        int size = m.endBody();
        byte[] bytes = new byte[size];
        m.buffer().get(0, bytes);
        org.jmach.mach.MachMessage got = sendWaitingFor(pager, RvPrograms.DATA, size, bytes, port);
        assertEquals(98, got.msghId());
        org.jmach.mach.MachMsgItems items = got.items();
        assertTrue(items.next() && items.isPort() && !items.inline(), "one out-of-line port array");
        byte[] names = new byte[4];
        assertEquals(KERN_SUCCESS, self.load(items.address(), names, 0, 4));
        assertEquals(port, ByteBuffer.wrap(names).order(ByteOrder.LITTLE_ENDIAN).getInt(), "the right came");
    }

    @Test
    void aThreadTerminatedWhileItsFaultWaitsEndsAndLeavesNoPort() throws Exception {
        TestPager pager = heldPager(7);
        long at = map(pager);
        AtomicLong exit = exitEmulation();
        int thread = loadAndExit(at);
        long before = receiveRights();
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        Thread t = interpreted();
        awaitWaitingWithoutAJavaThread(t, pager);
        assertEquals(before + 1, receiveRights(), "the thread's wakeup port");
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        await("the thread ends", t::isTerminated);
        awaitThreadPortDead(thread);
        await("its wakeup port is gone", () -> receiveRights() == before);
        pager.hold.countDown();
        assertEquals(-1, exit.get(), "the program never ran on");
    }

    @Test
    void aTaskTerminatedWhileItsThreadsFaultWaitsEnds() throws Exception {
        TestPager pager = heldPager(7);
        Task b = kernel.taskCreate("b");
        pager.giveSendRight(kernel, b);
        int bPort = kernel.ipc().makeSendCopyout(b.ports().kernelPort(), taskA.space());
        long[] a = {0};
        assertEquals(KERN_SUCCESS, new MachUser(self.mig()).vmMap(bPort, a, PAGE, 0, 1, pager.port(), 0, 0,
                VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY));
        RvAsm code = new RvAsm();
        code.li(S0, (int) a[0]).ld(A0, S0, 0).ebreak();
        RvPrograms.load(self, bPort, code);
        int thread = RvPrograms.thread(self, bPort, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        Thread t = b.threadList().stream().filter(x -> x.interpreter() != null).findFirst().orElseThrow();
        await("the manager was asked for the page", () -> !pager.logged("data_request").isEmpty());
        await("the fault waits with a continuation", t::blockedWithContinuation);
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(bPort));
        await("the thread ends", t::isTerminated);
        pager.hold.countDown();
    }
}
