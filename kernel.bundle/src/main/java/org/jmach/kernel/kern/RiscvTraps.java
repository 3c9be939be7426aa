package org.jmach.kernel.kern;

import static org.jmach.mach.ExceptionTypes.EXC_SYSCALL;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TOO_LARGE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_MSG_TOO_SMALL;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_WAIT;

import org.jmach.hw.riscv.Hart;
import org.jmach.hw.riscv.Mmu;
import org.jmach.kernel.ipc.MachMsg;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachTraps;
import org.jmach.mach.SyscallEmulation;
import org.jmach.vm.spi.VmSystem;

/**
 * The trap handler of interpreted threads (GNU Mach's
 * {@code kern/syscall_sw.c} with the machine's {@code trap.c}): an
 * {@code ecall} with a negative a7 is a Mach trap, by GNU Mach's numbers
 * (a0..a6 its arguments, its result in a0); a non-negative a7 is a system
 * call of the task's emulation ({@link SyscallEmulation}), or, with none
 * registered, EXC_SYSCALL (code: the call's number; subcode: the ecall's
 * address) to the thread's exception port, then the task's. A trap number
 * GNU Mach's table does not have returns KERN_INVALID_ARGUMENT, as its
 * {@code kern_invalid} does. In every case the pc is past the ecall before
 * the call is served.
 */
final class RiscvTraps {

    /** GNU Mach's trap numbers ({@code kern/syscall_sw.c}), negated in a7. */
    static final int MACH_MSG_TRAP = -25;
    static final int MACH_REPLY_PORT = -26;
    static final int MACH_THREAD_SELF = -27;
    static final int MACH_TASK_SELF = -28;
    static final int MACH_HOST_SELF = -29;
    static final int SWTCH_PRI = -59;
    static final int SWTCH = -60;
    static final int THREAD_SWITCH = -61;

    /** The largest message an interpreted thread may send or receive in one mach_msg (bytes). */
    static final int MAX_MESSAGE = 1 << 20;

    private static final int A0 = 10;
    private static final int A7 = 17;

    private RiscvTraps() {
    }

    /**
     * Serves the ecall at pc. Returns false if the thread's code must return:
     * it is terminating, or it blocked in mach_msg with a continuation.
     * Conditions: on the Java thread acting for {@code thread}, holding its processor, outside a slice.
     */
    static boolean ecall(Interpreter in, Thread thread, MachTraps traps) {
        Hart hart = in.hart();
        long pc = hart.pc();
        hart.setPc(pc + hart.trapInstructionLength());
        long number = hart.x(A7);
        if (number < 0) {
            return machTrap(in, thread, traps, hart, number);
        }
        SyscallEmulation emulation = thread.task().emulation();
        if (emulation != null) {
            return in.emulate(emulation, traps);
        }
        return in.exception(traps, EXC_SYSCALL, (int) number, pc);
    }

    private static boolean machTrap(Interpreter in, Thread thread, MachTraps traps, Hart hart, long number) {
        long result;
        if (number == MACH_MSG_TRAP) {
            return machMsg(in, thread, traps, hart, hart.pc() - hart.trapInstructionLength());
        } else if (number == MACH_REPLY_PORT) {
            result = traps.machReplyPort();
        } else if (number == MACH_THREAD_SELF) {
            result = traps.machThreadSelf();
        } else if (number == MACH_TASK_SELF) {
            result = traps.machTaskSelf();
        } else if (number == MACH_HOST_SELF) {
            result = traps.machHostSelf();
        } else if (number == SWTCH_PRI) {
            result = traps.swtchPri((int) hart.x(A0));
        } else if (number == SWTCH) {
            result = traps.swtch();
        } else if (number == THREAD_SWITCH && (int) hart.x(A0 + 1) == SWITCH_OPTION_WAIT) {
            return in.switchWait(traps, (int) hart.x(A0 + 2));
        } else if (number == THREAD_SWITCH) {
            result = traps.threadSwitch((int) hart.x(A0), (int) hart.x(A0 + 1), (int) hart.x(A0 + 2));
        } else {
            result = KERN_INVALID_ARGUMENT;
        }
        hart.setX(A0, result);
        return !thread.terminating;
    }

    /**
     * mach_msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout,
     * notify) from a0..a6: the message is copied in from the task's memory
     * at {@code msg}, and a received one copied out there (as is a sent one
     * that a timeout or thread_abort gave back). A receive that must wait
     * (with MACH_RCV_TIMEOUT too), or a send to a full queue, blocks with a
     * continuation: the thread's Java thread returns, and the continuation
     * finishes the trap and hands the thread to a new one.
     */
    private static boolean machMsg(Interpreter in, Thread thread, MachTraps traps, Hart hart, long ecall) {
        long address = hart.x(A0);
        int option = (int) hart.x(A0 + 1);
        int sendSize = (int) hart.x(A0 + 2);
        int rcvSize = (int) hart.x(A0 + 3);
        int rcvName = (int) hart.x(A0 + 4);
        int timeout = (int) hart.x(A0 + 5);
        int notify = (int) hart.x(A0 + 6);
        boolean send = (option & MACH_SEND_MSG) != 0;
        boolean receive = (option & MACH_RCV_MSG) != 0;
        if (send && sendSize < MACH_MSG_HEADER_SIZE) {
            return finish(in, thread, hart, MACH_SEND_MSG_TOO_SMALL);
        }
        if (send && sendSize > MAX_MESSAGE) {
            return finish(in, thread, hart, MACH_SEND_INVALID_DATA);
        }
        if (receive && (rcvSize < 0 || rcvSize > MAX_MESSAGE)) {
            return finish(in, thread, hart, MACH_RCV_TOO_LARGE);
        }
        int capacity = Math.max(MACH_MSG_HEADER_SIZE, Math.max(send ? sendSize : 0, receive ? rcvSize : 0));
        MachMessage msg = new MachMessage(capacity);
        if (send) {
            byte[] bytes = new byte[sendSize];
            long seen = in.vmChangeCount();
            int kr = thread.task().map().load(address, bytes, 0, sendSize, in.noWait());
            if (kr == VmSystem.VM_WOULD_BLOCK) {
                // A page of the message is with its manager (or no frame is free): wait for VM holding no Java
                // thread, then make the whole trap again.
                hart.setPc(ecall);
                return in.trapFaultWait(traps, in.noWait().faultAddress, Mmu.READ, seen);
            }
            if (kr != KERN_SUCCESS) {
                return finish(in, thread, hart, MACH_SEND_INVALID_DATA);
            }
            msg.buffer().put(0, bytes);
        }
        int mr;
        in.trapMayDefer(true);
        try {
            mr = traps.machMsgContinue(msg, option, sendSize, rcvSize, rcvName, timeout, notify,
                    (self, received, result) -> {
                        // On whichever Java thread completed the send or receive: finish the trap, go on elsewhere.
                        hart.setX(A0, copyout(thread, address, received, option, result));
                        in.tlbStale();
                        thread.continueOnPool(in::run);
                    });
        } finally {
            in.trapMayDefer(false);
        }
        if (mr == MACH_RCV_IN_PROGRESS || mr == MACH_SEND_IN_PROGRESS) {
            return false; // blocked with a continuation: this Java thread is done with the thread
        }
        if (mr == MachMsg.MACH_SEND_FAULT_DEFERRED) {
            hart.setPc(ecall); // out-of-line data is with its manager: wait for it, then make the trap again
            return in.deferredFaultWait(traps);
        }
        hart.setX(A0, copyout(thread, address, msg, option, mr));
        in.tlbStale();
        return !thread.terminating;
    }

    private static boolean finish(Interpreter in, Thread thread, Hart hart, int mr) {
        hart.setX(A0, mr);
        in.tlbStale();
        return !thread.terminating;
    }

    /**
     * Copies a received message out to the task's memory, and a send's
     * message that came back (pseudo-received: a send timed out or was
     * interrupted, its header and rights given back) too; the trap's result.
     */
    private static int copyout(Thread thread, long address, MachMessage msg, int option, int mr) {
        boolean received = mr == KERN_SUCCESS && (option & MACH_RCV_MSG) != 0;
        if (!received && !MachMsg.sendGaveBack(mr)) {
            return mr;
        }
        int size = Math.min(msg.msghSize(), msg.capacity());
        byte[] bytes = new byte[size];
        msg.buffer().get(0, bytes);
        if (thread.task().map().store(address, bytes, 0, size, thread.vmThread()) != KERN_SUCCESS) {
            return MACH_RCV_INVALID_DATA;
        }
        return mr;
    }
}
