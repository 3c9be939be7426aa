package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.ExceptionTypes.EXC_SYSCALL;
import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.jmach.mach.ExcServer;
import org.jmach.mach.ExcServerDemux;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MigTaskMemory;
import org.junit.jupiter.api.Test;

/**
 * An interpreted thread waiting for its exception handler's reply holds no
 * Java thread: it blocks with a continuation on the RPC's reply port, and
 * acts on the reply as before (KERN_SUCCESS resumes it at its pc; a refusal
 * with no other handler terminates its task).
 */
class InterpretedExceptionWaitTest extends MigTestBase {

    static final long HOLE = 0x5000_0000L;

    private final List<Integer> seen = new CopyOnWriteArrayList<>();
    /** The codes of the EXC_SYSCALLs seen (a system call's number). */
    private final List<Integer> syscalls = new CopyOnWriteArrayList<>();
    /** While set, the handler waits for it before answering. */
    private volatile CountDownLatch hold;
    private int handlerPort;

    /** A handler thread in task a: repairs a bad access (KERN_SUCCESS), refuses anything else. */
    private void startHandler() throws Exception {
        handlerPort = portWithSendRight();
        taskA.threadCreate("handler", traps -> {
            int me = traps.machTaskSelf();
            ExcServer impl = (exceptionPort, thread, victim, exception, code, subcode) -> {
                seen.add(exception);
                if (exception == EXC_SYSCALL) {
                    syscalls.add(code);
                }
                CountDownLatch h = hold;
                if (h != null) {
                    try {
                        h.await();
                    } catch (InterruptedException e) {
                        java.lang.Thread.currentThread().interrupt();
                    }
                }
                int answer = KERN_FAILURE;
                if (exception == EXC_BAD_ACCESS) {
                    answer = new org.jmach.mach.MachUser(traps.mig().nested()).vmAllocate(victim,
                            new long[] {subcode & ~4095L}, 4096, 0);
                }
                traps.machPort().machPortDeallocate(me, thread);
                traps.machPort().machPortDeallocate(me, victim);
                return answer;
            };
            MachMsgServer.machMsgServer(traps,
                    (in, out) -> ExcServerDemux.excServer(impl, new MigTaskMemory(traps), in, out),
                    ExcServerDemux.MSG_SIZE_MAX, handlerPort);
        });
    }

    /** A task b whose exception port is the handler's, running {@code a}; returns b. */
    private Task start(RvAsm a) throws Exception {
        startHandler();
        Task b = kernel.taskCreate("b");
        int bPort = kernel.ipc().makeSendCopyout(b.ports().kernelPort(), taskA.space());
        assertEquals(KERN_SUCCESS, self.mach().taskSetSpecialPort(bPort, TASK_EXCEPTION_PORT, handlerPort));
        RvPrograms.load(self, bPort, a);
        int thread = RvPrograms.thread(self, bPort, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        return b;
    }

    static Thread interpreted(Task b) {
        return b.threadList().stream().filter(x -> x.interpreter() != null).findFirst().orElseThrow();
    }

    long receiveRights(Task t) {
        return kernel.ipc().portNames(t.space()).stream()
                .filter(p -> (p.type() & MACH_PORT_TYPE_RECEIVE) != 0).count();
    }

    /** The thread waits for the handler with a continuation, and no Java thread of the pool acts for it. */
    void awaitWaitingWithoutAJavaThread(Task b, Thread t) throws Exception {
        await("the handler sees the exception", () -> !seen.isEmpty());
        await("the thread waits with a continuation", t::blockedWithContinuation);
        String javaName = "mach " + b.name() + "." + t.name();
        await("no Java thread acts for it", () -> java.lang.Thread.getAllStackTraces().keySet().stream()
                .noneMatch(j -> j.getName().equals(javaName)));
        assertTrue(t.blockedWithContinuation(), "still waiting: the handler has not answered");
    }

    @Test
    void aThreadWaitingForItsHandlerHoldsNoJavaThreadAndResumesOnItsSuccess() throws Exception {
        hold = new CountDownLatch(1);
        RvAsm a = new RvAsm();
        // The system call's number is the value loaded back: the handler sees it as EXC_SYSCALL's code.
        a.li(S0, (int) HOLE).li(T0, 42).sd(T0, S0, 8).ld(RvAsm.A7, S0, 8).ecall();
        Task b = start(a);
        Thread t = interpreted(b);
        awaitWaitingWithoutAJavaThread(b, t);
        assertEquals(List.of(EXC_BAD_ACCESS), seen);
        assertEquals(1, receiveRights(b), "the RPC's reply port");
        CountDownLatch held = hold;
        hold = null;
        int tasks = kernel.tasks().size();
        held.countDown();
        // Resumed at the store: the program runs on to its system call, which the handler refuses.
        await("the program's task is terminated", () -> kernel.tasks().size() == tasks - 1);
        assertEquals(List.of(EXC_BAD_ACCESS, EXC_SYSCALL), seen);
        assertEquals(List.of(42), syscalls, "the program ran on past the repaired store");
        await("the thread ends", t::isTerminated);
    }

    @Test
    void aRefusalWithNoOtherHandlerTerminatesTheTask() throws Exception {
        hold = new CountDownLatch(1);
        RvAsm a = new RvAsm();
        a.call(1234);
        Task b = start(a);
        Thread t = interpreted(b);
        awaitWaitingWithoutAJavaThread(b, t);
        int tasks = kernel.tasks().size();
        hold.countDown();
        await("the program's task is terminated", () -> kernel.tasks().size() == tasks - 1);
        assertEquals(List.of(EXC_SYSCALL), seen);
        await("the thread ends", t::isTerminated);
    }

    @Test
    void aThreadTerminatedWhileItsHandlerHoldsItEndsAndLeavesNoPort() throws Exception {
        hold = new CountDownLatch(1);
        RvAsm a = new RvAsm();
        a.call(1234);
        Task b = start(a);
        Thread t = interpreted(b);
        awaitWaitingWithoutAJavaThread(b, t);
        int bPort = kernel.ipc().makeSendCopyout(b.ports().kernelPort(), taskA.space());
        int[][] threads = new int[1][];
        assertEquals(KERN_SUCCESS, self.mach().taskThreads(bPort, threads));
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(threads[0][0]));
        await("the thread ends", t::isTerminated);
        await("its reply port is gone", () -> receiveRights(b) == 0);
        hold.countDown();
        assertTrue(b.isActive(), "the task lives on");
    }
}
