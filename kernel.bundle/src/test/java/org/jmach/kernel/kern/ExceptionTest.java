package org.jmach.kernel.kern;

import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.ExceptionTypes.EXC_SOFTWARE;
import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.mach.ThreadSpecialPorts.THREAD_EXCEPTION_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.mach.ExcServer;
import org.jmach.mach.ExcServerDemux;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MigTaskMemory;
import org.junit.jupiter.api.Test;

/**
 * Exceptions: a native thread's bad access becomes an exception_raise RPC
 * to its thread's exception port, then its task's; a handler that repairs
 * the cause (here, allocates the missing page) and answers KERN_SUCCESS
 * resumes the thread, whose access then succeeds. A handler answering
 * anything else passes the exception on; with no handler at any level the
 * task is terminated.
 */
class ExceptionTest extends SchedTestBase {

    private static final long HOLE = 0x5000_0000L;

    /** One exception a handler saw. */
    record Seen(int exception, int code, long subcode, boolean threadGiven, boolean taskGiven) {
    }

    @Test
    void aFaultReachesTheTaskHandlerWhichRepairsItAndResumesTheThread() throws Exception {
        boot(4);
        Task victim = kernel.taskCreate("victim");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        int handlerPort = startHandler("task handler", seen, KERN_SUCCESS, true);
        // The victim's task exception port: a send right made from the handler's receive right.
        assertEquals(KERN_SUCCESS, setExceptionPort(victim, TASK_EXCEPTION_PORT, handlerPort, null));

        AtomicInteger result = new AtomicInteger(-1);
        Thread t = victim.threadCreate("faulter", traps -> {
            byte[] b = {42};
            result.set(traps.store(HOLE + 8, b, 0, 1));
        });
        t.join();
        assertEquals(KERN_SUCCESS, result.get(), "the store succeeded after the handler mapped the page");
        assertEquals(1, seen.size());
        Seen s = seen.get(0);
        assertEquals(EXC_BAD_ACCESS, s.exception());
        assertEquals(KERN_INVALID_ADDRESS, s.code());
        assertEquals(HOLE + 8, s.subcode());
        assertTrue(s.threadGiven() && s.taskGiven(), "the handler got the thread and task ports");
        byte[] back = new byte[1];
        assertTrue(victim.memory().read(HOLE + 8, back, 0, 1));
        assertEquals(42, back[0]);
        assertTrue(victim.isActive());
    }

    @Test
    void aThreadHandlerThatFailsPassesTheExceptionToTheTaskHandler() throws Exception {
        boot(4);
        Task victim = kernel.taskCreate("victim");
        List<Seen> threadLevel = new CopyOnWriteArrayList<>();
        List<Seen> taskLevel = new CopyOnWriteArrayList<>();
        int failing = startHandler("thread handler", threadLevel, KERN_FAILURE, false);
        Task failingTask = handlerTask;
        int repairing = startHandler("task handler", taskLevel, KERN_SUCCESS, false);
        assertEquals(KERN_SUCCESS, setExceptionPort(victim, TASK_EXCEPTION_PORT, repairing, null));
        handlerTask = failingTask;
        AtomicInteger result = new AtomicInteger(-1);
        Thread t = victim.threadCreateSuspended("raiser");
        kernel.sched().lock.lock();
        try {
            t.suspendCount = 0;
        } finally {
            kernel.sched().lock.unlock();
        }
        assertEquals(KERN_SUCCESS, setExceptionPort(victim, THREAD_EXCEPTION_PORT, failing, t));
        t.start(traps -> result.set(traps.raiseException(EXC_SOFTWARE, 0x10003, 7)));
        t.join();
        assertEquals(KERN_SUCCESS, result.get());
        assertEquals(1, threadLevel.size());
        assertEquals(1, taskLevel.size());
        assertEquals(EXC_SOFTWARE, taskLevel.get(0).exception());
        assertEquals(0x10003, taskLevel.get(0).code());
        assertEquals(7, taskLevel.get(0).subcode());
    }

    @Test
    void withNoHandlerAtAnyLevelTheTaskIsTerminated() throws Exception {
        boot(2);
        Task victim = kernel.taskCreate("victim");
        AtomicInteger load = new AtomicInteger(-1);
        AtomicInteger after = new AtomicInteger(-1);
        Thread t = victim.threadCreate("faulter", traps -> {
            load.set(traps.load(HOLE, new byte[4], 0, 4));
            after.set(traps.swtch());
        });
        t.join();
        assertEquals(KERN_INVALID_ADDRESS, load.get());
        assertEquals(KERN_TERMINATED, after.get(), "a thread of a terminated task traps no more");
        assertFalse(victim.isActive());
        assertFalse(kernel.tasks().contains(victim));
    }

    /**
     * A handler task: one thread serving exc.defs on a new receive right,
     * with the generated demux. {@code repair} allocates the faulting page
     * in the faulting task before answering. Returns the receive right's
     * name in the handler's space; the handler task becomes {@link #handlerTask}.
     */
    private int startHandler(String name, List<Seen> seen, int answer, boolean repair) throws Exception {
        Task handler = kernel.taskCreate(name);
        handlerTask = handler;
        int[] port = new int[1];
        AtomicInteger ready = new AtomicInteger();
        handler.threadCreate(name, traps -> {
            int self = traps.machTaskSelf();
            traps.machPort().machPortAllocate(self, MACH_PORT_RIGHT_RECEIVE, port);
            traps.machPort().machPortInsertRight(self, port[0], port[0], MACH_MSG_TYPE_MAKE_SEND);
            ready.set(1);
            ExcServer impl = (exceptionPort, thread, task, exception, code, subcode) -> {
                seen.add(new Seen(exception, code, subcode, thread != 0, task != 0));
                if (repair) {
                    long[] page = {subcode & ~4095L};
                    new org.jmach.mach.MachUser(traps.mig().nested()).vmAllocate(task, page, 4096, 0);
                }
                traps.machPort().machPortDeallocate(self, thread);
                traps.machPort().machPortDeallocate(self, task);
                return answer;
            };
            MachMsgServer.machMsgServer(traps,
                    (in, out) -> ExcServerDemux.excServer(impl, new MigTaskMemory(traps), in, out),
                    ExcServerDemux.MSG_SIZE_MAX, port[0]);
        });
        await("handler ready", () -> ready.get() == 1);
        return port[0];
    }

    private Task handlerTask;

    /**
     * Sets a task's (or, with {@code thread}, a thread's) exception port to
     * a copy of the send right the last handler made from its receive right.
     */
    private int setExceptionPort(Task victim, int which, int receiveName, Thread thread) {
        Task handler = handlerTask;
        return thread == null ? victim.ports().setSpecialPort(handler.space(), which, receiveName)
                : thread.ports().setSpecialPort(handler.space(), which, receiveName);
    }
}
