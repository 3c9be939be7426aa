package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_INSTRUCTION;
import static org.jmach.mach.ExceptionTypes.EXC_BREAKPOINT;
import static org.jmach.mach.ExceptionTypes.EXC_SYSCALL;
import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jmach.mach.ExcServer;
import org.jmach.mach.ExcServerDemux;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MigTaskMemory;
import org.junit.jupiter.api.Test;

/**
 * What an interpreted program does wrong reaches its exception port as
 * Mach's exceptions: a system call with no emulation (EXC_SYSCALL, code the
 * number), an illegal instruction (EXC_BAD_INSTRUCTION, code its bits),
 * ebreak (EXC_BREAKPOINT), a load from nowhere and a store to read-only
 * text (EXC_BAD_ACCESS with the fault's code and address). The handler
 * refuses each, and the program's task is terminated; the kernel goes on.
 */
class InterpretedExceptionTest extends MigTestBase {

    record Seen(int exception, int code, long subcode) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private int handlerPort;

    /** A handler thread in task a serving exc.defs; answers KERN_FAILURE. */
    private void startHandler() throws Exception {
        int[] port = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, port));
        assertEquals(KERN_SUCCESS, self.machPort().machPortInsertRight(task, port[0], port[0],
                MACH_MSG_TYPE_MAKE_SEND));
        handlerPort = port[0];
        taskA.threadCreate("handler", traps -> {
            int me = traps.machTaskSelf();
            ExcServer impl = (exceptionPort, thread, victim, exception, code, subcode) -> {
                seen.add(new Seen(exception, code, subcode));
                traps.machPort().machPortDeallocate(me, thread);
                traps.machPort().machPortDeallocate(me, victim);
                return KERN_FAILURE;
            };
            MachMsgServer.machMsgServer(traps,
                    (in, out) -> ExcServerDemux.excServer(impl, new MigTaskMemory(traps), in, out),
                    ExcServerDemux.MSG_SIZE_MAX, port[0]);
        });
    }

    /** Runs {@code program} in a new task whose exception port is the handler's; returns what it saw. */
    private Seen run(Consumer<RvAsm> program) throws Exception {
        if (handlerPort == 0) {
            startHandler();
        }
        int before = seen.size();
        int[] child = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().taskCreate(task, 0, child));
        assertEquals(KERN_SUCCESS, self.mach().taskSetSpecialPort(child[0], TASK_EXCEPTION_PORT, handlerPort));
        RvAsm a = new RvAsm();
        program.accept(a);
        RvPrograms.load(self, child[0], a);
        int thread = RvPrograms.thread(self, child[0], RvPrograms.CODE);
        int tasks = kernel.tasks().size();
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        await("the handler sees the exception", () -> seen.size() > before);
        await("the program's task is terminated", () -> kernel.tasks().size() == tasks - 1);
        return seen.get(before);
    }

    @Test
    void aSystemCallWithNoEmulationIsExcSyscall() throws Exception {
        Seen s = run(a -> a.call(1234));
        assertEquals(new Seen(EXC_SYSCALL, 1234, RvPrograms.CODE + 4), s);
    }

    @Test
    void anIllegalInstructionIsExcBadInstructionWithItsBits() throws Exception {
        Seen s = run(a -> a.addi(T0, 0, 1).word(0xc0001073)); // unimp: csrrw x0, cycle, x0
        assertEquals(new Seen(EXC_BAD_INSTRUCTION, 0xc0001073, RvPrograms.CODE + 4), s);
    }

    @Test
    void ebreakIsExcBreakpoint() throws Exception {
        Seen s = run(a -> a.ebreak());
        assertEquals(EXC_BREAKPOINT, s.exception());
        assertEquals(RvPrograms.CODE, s.subcode());
    }

    @Test
    void aLoadFromNowhereIsExcBadAccessAtItsAddress() throws Exception {
        Seen s = run(a -> a.li(S0, 0x5000_0000).ld(T0, S0, 8));
        assertEquals(new Seen(EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, 0x5000_0008L), s);
    }

    @Test
    void aStoreToReadOnlyTextIsExcBadAccessWithProtectionFailure() throws Exception {
        Seen s = run(a -> a.li(S0, (int) RvPrograms.CODE).sd(S0, S0, 16));
        assertEquals(new Seen(EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, RvPrograms.CODE + 16), s);
        assertEquals(true, taskA.isActive(), "the handler's task goes on");
    }
}
