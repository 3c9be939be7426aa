package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.A0;
import static org.jmach.kernel.kern.RvAsm.A1;
import static org.jmach.kernel.kern.RvAsm.A7;
import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.kernel.kern.RvAsm.T1;
import static org.jmach.kernel.kern.RvAsm.ZERO;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.RiscvThreadState.RISCV_FLOAT_STATE;
import static org.jmach.mach.RiscvThreadState.RISCV_FLOAT_STATE_COUNT;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE_COUNT;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO_COUNT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

import org.jmach.mach.RiscvFloatState;
import org.jmach.mach.RiscvThreadState;
import org.junit.jupiter.api.Test;

/**
 * Interpreted threads: a thread made by thread_create, given a RISC-V
 * register file by thread_set_state and resumed, runs the code of its
 * task's memory; its ecalls are Mach traps (negative a7) or system calls
 * of the task's emulation.
 */
class InterpretedThreadTest extends MigTestBase {

    static final long DATA = RvPrograms.DATA;

    /** The program in task a; returns a new interpreted thread at its start, not resumed. */
    int program(RvAsm code) {
        RvPrograms.load(self, task, code);
        return RvPrograms.thread(self, task, RvPrograms.CODE);
    }

    long data(int offset) {
        byte[] b = new byte[8];
        assertTrue(taskA.memory().read(DATA + offset, b, 0, 8));
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** An emulation that ends the thread on system call 93 with a0 kept in {@code exit}. */
    void exitEmulation(AtomicLong exit) {
        taskA.setEmulation((traps, regs) -> {
            if (regs.x(A7) == 93) {
                exit.set(regs.x(A0));
                traps.mach().threadTerminate(traps.machThreadSelf());
            } else {
                regs.setX(A0, -38);
            }
        });
    }

    @Test
    void threadStateRoundTrips() {
        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(task, thread));
        long[] x = new long[32];
        for (int i = 1; i < 32; i++) {
            x[i] = 0x0123_4567_89ab_cdefL * i;
        }
        RiscvThreadState s = new RiscvThreadState(0x1234_5678_9abcL, x);
        assertEquals(KERN_SUCCESS, self.mach().threadSetState(thread[0], RISCV_THREAD_STATE, s.toWords()));
        int[] words = new int[RISCV_THREAD_STATE_COUNT];
        int[] count = {RISCV_THREAD_STATE_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().threadGetState(thread[0], RISCV_THREAD_STATE, words, count));
        assertEquals(RISCV_THREAD_STATE_COUNT, count[0]);
        RiscvThreadState back = RiscvThreadState.decode(words);
        assertEquals(s.pc(), back.pc());
        assertArrayEquals(s.x(), back.x());

        long[] f = new long[32];
        for (int i = 0; i < 32; i++) {
            f[i] = Double.doubleToRawLongBits(i * 1.5);
        }
        RiscvFloatState fs = new RiscvFloatState(f, 0x5 << 5 | 0x3);
        assertEquals(KERN_SUCCESS, self.mach().threadSetState(thread[0], RISCV_FLOAT_STATE, fs.toWords()));
        int[] fw = new int[RISCV_FLOAT_STATE_COUNT];
        int[] fcount = {RISCV_FLOAT_STATE_COUNT};
        assertEquals(KERN_SUCCESS, self.mach().threadGetState(thread[0], RISCV_FLOAT_STATE, fw, fcount));
        RiscvFloatState fback = RiscvFloatState.decode(fw);
        assertArrayEquals(f, fback.f());
        assertEquals(fs.fcsr(), fback.fcsr());

        // The test's own thread is native: it has no RISC-V registers.
        int me = self.machThreadSelf();
        assertEquals(KERN_INVALID_ARGUMENT, self.mach().threadGetState(me, RISCV_THREAD_STATE, words, count));
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread[0]));
    }

    @Test
    void anInterpretedThreadComputesAndExitsThroughEcall() throws Exception {
        AtomicLong exit = new AtomicLong(-1);
        exitEmulation(exit);
        RvAsm a = new RvAsm();
        // a0 = 1 + 2 + ... + 100, stored at DATA; then exit(a0).
        a.li(S0, (int) DATA).li(A0, 0).li(T0, 1).li(T1, 101);
        int loop = a.here();
        a.add(A0, A0, T0).addi(T0, T0, 1).blt(T0, T1, loop);
        a.sd(A0, S0, 0);
        a.call(93);
        a.ebreak(); // never reached
        int thread = program(a);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(5050, exit.get());
        assertEquals(5050, data(0));
        awaitThreadPortDead(thread);
    }

    @Test
    void machTrapsReturnTheCallersNames() throws Exception {
        AtomicLong exit = new AtomicLong(-1);
        exitEmulation(exit);
        RvAsm a = new RvAsm();
        a.li(S0, (int) DATA);
        a.call(-28).sd(A0, S0, 0); // mach_task_self
        a.call(-27).sd(A0, S0, 8); // mach_thread_self
        a.call(-29).sd(A0, S0, 16); // mach_host_self
        a.call(-26).sd(A0, S0, 24); // mach_reply_port
        a.call(-30).sd(A0, S0, 32); // no such trap
        a.call(-60).sd(A0, S0, 40); // swtch
        a.li(A0, 0).call(93);
        int thread = program(a);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(task, data(0), "the same name as the test's own send right to the task");
        assertEquals(self.machHostSelf(), data(16));
        int[] type = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortType(task, (int) data(24), type));
        assertTrue((type[0] & MACH_PORT_TYPE_RECEIVE) != 0, "mach_reply_port gave a receive right");
        assertEquals(KERN_INVALID_ARGUMENT, data(32));
        assertTrue(data(40) == 0 || data(40) == 1);
        int threadSelf = (int) data(8);
        assertNotEquals(0, threadSelf);
        assertEquals(thread, threadSelf, "thread_self names the thread's port as the test's name does");
    }

    @Test
    void aThreadBlockedInMachMsgHoldsNoJavaThreadAndResumesWhenAMessageComes() throws Exception {
        AtomicLong exit = new AtomicLong(-1);
        exitEmulation(exit);
        int[] port = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE,
                port));
        RvAsm a = new RvAsm();
        // mach_msg(DATA + 256, MACH_RCV_MSG, 0, 256, port, 0, 0); exit(result + msgh_id)
        a.li(A0, (int) DATA + 256).li(A1, org.jmach.mach.Message.MACH_RCV_MSG).li(12, 0).li(13, 256)
                .li(14, port[0]).li(15, 0).li(16, 0).call(-25);
        a.li(S0, (int) DATA + 256).lw(T0, S0, 28).add(A0, A0, T0).call(93);
        int thread = program(a);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        Thread t = taskA.threadList().stream().filter(x -> x.interpreter() != null).findFirst().orElseThrow();
        await("the program waits with a continuation", t::blockedWithContinuation);
        String javaName = "mach " + taskA.name() + "." + t.name();
        await("no Java thread acts for it", () -> java.lang.Thread.getAllStackTraces().keySet().stream()
                .noneMatch(j -> j.getName().equals(javaName)));
        org.jmach.mach.MachMessage m = new org.jmach.mach.MachMessage(64);
        m.setHeader(org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE, port[0], 0, 4242);
        int size = m.endBody();
        assertEquals(KERN_SUCCESS, self.machMsg(m, org.jmach.mach.Message.MACH_SEND_MSG, size, 0, 0, 0, 0));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(4242, exit.get() & 0xffff_ffffL);
    }

    @Test
    void theDebugListingShowsAnInterpretedThreadsPc() throws Exception {
        RvAsm a = new RvAsm();
        int loop = a.here();
        a.addi(T0, T0, 1).jal(ZERO, loop);
        int thread = program(a);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        java.util.function.Supplier<java.util.List<org.jmach.mach.MachDebug.ThreadSummary>> threads =
                () -> KernelDebug.threads(kernel, taskA.id());
        await("the program runs", () -> threads.get().stream()
                .anyMatch(t -> t.pc() == RvPrograms.CODE || t.pc() == RvPrograms.CODE + 4));
        assertTrue(threads.get().stream().anyMatch(t -> t.pc() == org.jmach.mach.MachDebug.ThreadSummary.NATIVE),
                "the test's own thread is native");
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(thread));
        // A running thread halts at its next checkpoint: the clock ends its slice within a tick.
        await("the program has ended", () -> threadCount(task) == 1);
        awaitThreadPortDead(thread);
    }

    @Test
    void anInterpretedThreadSendsAMessageFromItsMemory() throws Exception {
        AtomicLong exit = new AtomicLong(-1);
        exitEmulation(exit);
        int[] port = {portWithSendRight()};
        int size = org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
        RvAsm a = new RvAsm();
        // The header at DATA: bits = COPY_SEND, size, remote = port, local = 0, seqno 0, id 777.
        a.li(S0, (int) DATA);
        a.li(T0, org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND).sw(T0, S0, 0);
        a.li(T0, size).sw(T0, S0, 4);
        a.li(T0, port[0]).sw(T0, S0, 8);
        a.li(T0, 777).sw(T0, S0, 28);
        a.li(A0, (int) DATA).li(A1, org.jmach.mach.Message.MACH_SEND_MSG).li(12, size).li(13, 0).li(14, 0)
                .li(15, 0).li(16, 0).call(-25);
        a.call(93); // exit(mach_msg's result)
        int thread = program(a);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the program exits", () -> exit.get() != -1);
        assertEquals(KERN_SUCCESS, exit.get());
        org.jmach.mach.MachMessage m = new org.jmach.mach.MachMessage(64);
        assertEquals(KERN_SUCCESS, self.machMsg(m, org.jmach.mach.Message.MACH_RCV_MSG, 0, 64, port[0], 0, 0));
        assertEquals(777, m.msghId());
        assertEquals(size, m.msghSize());
    }
}
