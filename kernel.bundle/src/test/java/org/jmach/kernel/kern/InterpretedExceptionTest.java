package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.Interpreter.EXC_RISCV_BREAKPOINT;
import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.SP;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_INSTRUCTION;
import static org.jmach.mach.ExceptionTypes.EXC_BREAKPOINT;
import static org.jmach.mach.ExceptionTypes.EXC_SYSCALL;
import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.vm.VmProt.VM_PROT_READ;
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
 * ebreak (EXC_BREAKPOINT), a load from nowhere, a store to read-only
 * text and a jump into memory that is not executable (EXC_BAD_ACCESS with
 * the fault's code and address). The handler
 * refuses each, and the program's task is terminated; the kernel goes on.
 */
class InterpretedExceptionTest extends MigTestBase {

    record Seen(int exception, int code, long subcode) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private int handlerPort;

    /** Handlers of EXC_BAD_ACCESS allocate the page and answer KERN_SUCCESS (the thread resumes). */
    private volatile boolean repair;

    /** Handlers of EXC_BREAKPOINT take execute permission from the code page and answer KERN_SUCCESS. */
    private volatile boolean protectCodeOnBreakpoint;

    /** A handler thread in task a serving exc.defs; answers KERN_FAILURE but for a repaired bad access. */
    private void startHandler() throws Exception {
        handlerPort = portWithSendRight();
        taskA.threadCreate("handler", traps -> {
            int me = traps.machTaskSelf();
            ExcServer impl = (exceptionPort, thread, victim, exception, code, subcode) -> {
                seen.add(new Seen(exception, code, subcode));
                int answer = KERN_FAILURE;
                if (repair && exception == EXC_BAD_ACCESS) {
                    answer = new org.jmach.mach.MachUser(traps.mig().nested()).vmAllocate(victim,
                            new long[] {subcode & ~4095L}, 4096, 0);
                } else if (protectCodeOnBreakpoint && exception == EXC_BREAKPOINT) {
                    answer = new org.jmach.mach.MachUser(traps.mig().nested()).vmProtect(victim, RvPrograms.CODE,
                            4096, 0, VM_PROT_READ);
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

    @Test
    void aJumpIntoDataIsExcBadAccessWithProtectionFailure() throws Exception {
        // An ebreak stored into the data page and loaded back: the page is readable and writable, and the
        // read and write translations the hart holds for it give no right to run it.
        Seen s = run(a -> a.li(S0, (int) RvPrograms.DATA).li(T0, 0x100073).sw(T0, S0, 0).lw(T0, S0, 0)
                .jalr(0, S0, 0));
        assertEquals(new Seen(EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, RvPrograms.DATA), s);
    }

    @Test
    void aJumpIntoTheStackIsExcBadAccessWithProtectionFailure() throws Exception {
        Seen s = run(a -> a.li(T0, 0x100073).sw(T0, SP, -8).jalr(0, SP, -8));
        assertEquals(new Seen(EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, RvPrograms.STACK_TOP - 8), s);
    }

    @Test
    void codeWhoseExecutePermissionIsTakenAwayFaultsAtItsNextFetch() throws Exception {
        protectCodeOnBreakpoint = true;
        // The hart has run this page (its execute TLB holds it) when the handler makes it read-only and resumes
        // the thread at the ebreak: fetching it again is the fault.
        Seen s = run(a -> a.addi(T0, 0, 1).ebreak());
        assertEquals(new Seen(EXC_BREAKPOINT, EXC_RISCV_BREAKPOINT, RvPrograms.CODE + 4), s);
        await("the resumed thread faults on the fetch", () -> seen.size() > seen.indexOf(s) + 1);
        assertEquals(new Seen(EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, RvPrograms.CODE + 4),
                seen.get(seen.indexOf(s) + 1));
    }

    @Test
    void aHandlerThatRepairsABadAccessResumesTheProgramAtTheFaultingInstruction() throws Exception {
        repair = true;
        // Store 42 to a hole, load it back, and stop on ebreak with the value in the register the handler sees
        // through the breakpoint's code path: the breakpoint's subcode is its pc, reached only after the load.
        Seen s = run(a -> a.li(S0, 0x5000_0000).li(T0, 42).sd(T0, S0, 8).ld(T0, S0, 8).ebreak());
        assertEquals(new Seen(EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, 0x5000_0008L), s);
        await("the resumed program reaches its breakpoint", () -> seen.stream()
                .anyMatch(x -> x.exception() == EXC_BREAKPOINT));
    }
}
