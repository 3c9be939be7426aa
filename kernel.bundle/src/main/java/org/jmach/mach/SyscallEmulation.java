package org.jmach.mach;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A task's system call emulation (Mach's task_set_emulation, as the BSD
 * and DOS servers use it): an interpreted thread's {@code ecall} with a
 * non-negative a7 is a system call of some operating system's, not a Mach
 * trap, and the kernel hands it to the emulation registered for the
 * thread's task ({@link MachNativeTasks#taskSetEmulation}). With none, it is
 * raised as EXC_SYSCALL to the thread's exception port, then the task's.
 *
 * <p>Routine: {@link #syscall}. Purpose: serve the call. Conditions: called
 * on the interpreted thread itself, holding its processor, with its pc at
 * the instruction after the ecall; {@code traps} are the thread's own (its
 * MIG calls, its task's memory through {@link MachTraps#load} and
 * {@link MachTraps#store}); {@code regs} its registers, valid until the
 * call is done. The call returns to the program when this returns: the
 * emulation puts its results in the registers (a0, by the usual
 * convention). To end the program it terminates the task or the thread
 * (task_terminate on {@link MachTraps#machTaskSelf}): the thread then runs
 * no further instruction.
 *
 * <p>A call that must wait (for a server's reply, for input) waits as a
 * Mach thread does without its stack: with
 * {@link MachTraps#machMsgContinue}. When that answers
 * MACH_RCV_IN_PROGRESS or MACH_SEND_IN_PROGRESS, {@link #syscall} returns
 * at once, leaving the registers to the continuation it gave: the call is
 * done, and the program goes on, when that continuation returns without
 * blocking again. Meanwhile the thread holds no Java thread and no
 * processor.
 */
@ConsumerType
public interface SyscallEmulation {

    /** See the interface's comment. */
    void syscall(MachTraps traps, RiscvRegisters regs);
}
