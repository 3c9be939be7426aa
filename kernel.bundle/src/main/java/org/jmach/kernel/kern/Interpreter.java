package org.jmach.kernel.kern;

import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_INSTRUCTION;
import static org.jmach.mach.ExceptionTypes.EXC_BREAKPOINT;
import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;

import org.jmach.hw.riscv.Hart;
import org.jmach.hw.riscv.Mmu;
import org.jmach.hw.riscv.Trap;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachTraps;
import org.jmach.mach.RiscvFloatState;
import org.jmach.mach.RiscvRegisters;
import org.jmach.mach.RiscvThreadState;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.PmapAccess;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * An interpreted thread's processor state and the loop that runs it: a
 * RISC-V {@link Hart} (the register file, with its own TLB) and the
 * {@link Mmu} that fills that TLB from the task's pmap.
 *
 * <p><b>Running.</b> The thread's code, as far as the scheduler is
 * concerned, is {@link #run}: a body like any native thread's, run by a
 * Java thread of the kernel's pool once the thread holds a processor. It
 * interprets in slices of at most one clock tick's worth of instructions
 * at a nominal speed ({@link #NOMINAL_IPS} / hz); between slices it passes the thread's
 * kernel entry checkpoint, where the thread acts on its ASTs exactly as a
 * native thread does at a trap: it yields to a better thread or, at the end
 * of its quantum, to an equal one, stops while suspended, moves to its new
 * set, or ends. The clock, which posts those ASTs, also interrupts the hart
 * of a thread that has one ({@link Thread#interruptHart}), so a slice ends
 * within a tick of its quantum's end; the budget bounds a slice where no
 * clock runs. A context switch is the checkpoint giving the processor to
 * another thread: the register file stays in this object, and the next
 * thread's Java thread runs its own.
 *
 * <p><b>Blocking.</b> A blocked interpreted thread holds no Java thread:
 * a {@code mach_msg} receive that must wait blocks with a continuation
 * ({@link MachTraps#machMsgContinue}); {@link #run} then returns and its
 * Java thread goes back to the pool. When the message comes, the
 * continuation (on the sender's Java thread by handoff, or on a pooled one)
 * only copies the message out to the task's memory, sets a0, and hands the
 * thread to a new pooled Java thread ({@link Thread#continueOnPool}), which
 * takes it up once the continuation's Java thread has given the processor
 * back, and interprets on: a sender is never held by the program it woke.
 * A page fault that must wait for a memory manager or a frame waits the
 * same way: the miss faults with a thread that may not wait
 * ({@link VmThread#mayBlock} false), and on
 * {@link VmSystem#VM_WOULD_BLOCK} the slice ends; VM is asked to tell of
 * its next change ({@link PmapAccess#whenChanged}, with the change count
 * read before the fault, so no change is missed), which the kernel does by
 * sending an empty message to the thread's wakeup port (a receive right
 * in its task, made at its first such wait); the thread waits for it in a
 * {@code mach_msg} receive with a continuation, and then runs the faulting
 * instruction again on a pooled Java thread (a wakeup for another page is
 * only a spurious retry). A suspended thread stops the same way: before
 * each slice the loop asks the scheduler whether it is suspended
 * ({@link SchedPrim#stopWithContinuation}, which records the wakeup port
 * for the resumption to send to), and if so waits on its wakeup port; its
 * traps' checkpoints do not stop it. The exception RPC waits for its
 * handler's reply the same way, on a reply port made for it in the task
 * ({@link #exception}), and so do timed waits: a receive with
 * MACH_RCV_TIMEOUT (a timer ends a continuation's wait at its deadline)
 * and thread_switch's wait ({@link #switchWait}, a timed receive on the
 * wakeup port). Other waits (a send to a full queue, a system call
 * emulation that blocks, a continuation woken while the thread is
 * suspended) keep their Java thread parked, as a native thread's do.
 *
 * <p><b>Memory.</b> A slice runs inside the pmap's run bracket
 * ({@link PmapAccess#beginRun}): VM's barrier interrupts the hart (the
 * shootdown hook) and waits for the slice to end before it reuses a frame,
 * and moves the pmap generation, after which the hart's TLB is flushed
 * before it runs again. A miss that the pmap cannot fill leaves the
 * bracket, runs vm_fault (which does not wait: see above), and enters it
 * again. The TLB is also flushed after every mach_msg
 * trap of the thread (vm_* calls are messages).
 *
 * <p>Conditions: the hart is used only by the Java thread acting for the
 * thread, or while the thread is stopped (thread_get_state and
 * thread_set_state of a running thread see a register file in motion, as
 * Mach's would on a thread not suspended first).
 */
final class Interpreter implements Mmu, RiscvRegisters {

    /** The nominal speed the slice budget assumes, in instructions a second (the hart does 150-250 MIPS here). */
    static final long NOMINAL_IPS = 100_000_000;
    private static final int PAGE_SHIFT = 12;
    private static final long VPN_LIMIT = AddressMap.MAX_ADDRESS >>> PAGE_SHIFT;
    /** How often a miss faults again when the page went away before it could be used. */
    private static final int FAULT_RETRIES = 64;

    private final Thread thread;
    private final Hart hart;
    private final PmapAccess pmap;
    private final Runnable shootdown;
    /** Instructions per slice. */
    private final long slice;
    /** The run bracket's stamp, while a slice runs. */
    private long stamp;
    /** The pmap generation the TLB's contents were made at. */
    private long generation = -1;
    /** What the last failed translation's vm_fault answered (VM_WOULD_BLOCK: it must wait for VM). */
    private int faultCode = KERN_INVALID_ADDRESS;
    /** The fault that would have waited: its address, access, and VM's change count read before it. */
    private long faultAddress;
    private int faultAccess;
    private long faultSeen;
    /** The message id of a wakeup from VM (not a Mach id: the thread's own port sees it only). */
    static final int FAULT_WAKEUP_ID = 0x6a6d_6677;
    /** The receive right (in the task) a fault's wait listens on; made at the first wait. */
    private volatile IpcPort wakeupPort;
    /** The thread as a fault of the hart sees it: it never waits in VM (it waits with a continuation instead). */
    private final VmThread noWait;

    Interpreter(Thread thread) {
        this.thread = thread;
        this.hart = new Hart(this);
        this.pmap = thread.task().map().pmapAccess();
        this.shootdown = hart::interrupt;
        this.slice = Math.max(10_000, NOMINAL_IPS / thread.sched().hz());
        VmThread vmThread = thread.vmThread();
        this.noWait = VmThread.noWait(vmThread::privileged);
        if (pmap != null) {
            pmap.addShootdown(shootdown);
        }
    }

    Hart hart() {
        return hart;
    }

    /** The thread ended: VM need not interrupt this hart any more. */
    void dispose() {
        if (pmap != null) {
            pmap.removeShootdown(shootdown);
        }
        IpcPort port = wakeupPort;
        if (port != null) {
            wakeupPort = null;
            thread.task().ipc().wakeupPortDestroy(thread.space(), port);
        }
        IpcPort reply = rpcReply;
        if (reply != null) {
            rpcReply = null;
            thread.task().ipc().wakeupPortDestroy(thread.space(), reply);
        }
    }

    /** Interrupts the hart's current or next slice (from any Java thread). */
    void interrupt() {
        hart.interrupt();
    }

    /** The TLB may be stale: flushed before the next slice. */
    void tlbStale() {
        generation = -1;
    }

    // ---- The loop ----

    /**
     * The interpreted thread's code: interprets until the thread ends or
     * blocks with a continuation. Conditions: run by the Java thread acting
     * for the thread, holding its processor.
     */
    void run(MachTraps traps) {
        if (pmap == null) {
            thread.task().terminate();
            return;
        }
        while (true) {
            if (thread.sched().suspendedHint(thread) && !stopWait(traps)) {
                return;
            }
            if (!thread.checkpoint()) {
                return;
            }
            int cause = slice();
            if (!handle(cause, traps)) {
                return;
            }
        }
    }

    /** One slice, inside the pmap's run bracket. Returns the hart's stop cause. */
    private int slice() {
        stamp = pmap.beginRun();
        try {
            long g = pmap.generation();
            if (g != generation) {
                hart.flushTlb();
                generation = g;
            }
            return hart.run(slice);
        } finally {
            pmap.endRun(stamp);
        }
    }

    /** Acts on why a slice stopped; false if the thread's code must return (it ended, or blocked). */
    private boolean handle(int cause, MachTraps traps) {
        switch (cause) {
            case Trap.BUDGET, Trap.INTERRUPTED:
                return true;
            case Trap.ECALL:
                return RiscvTraps.ecall(this, thread, traps);
            case Trap.ILLEGAL_INSTRUCTION:
                return exception(traps, EXC_BAD_INSTRUCTION, (int) hart.tval(), hart.pc());
            case Trap.BREAKPOINT:
                return exception(traps, EXC_BREAKPOINT, EXC_RISCV_BREAKPOINT, hart.pc());
            case Trap.LOAD_PAGE_FAULT, Trap.STORE_PAGE_FAULT, Trap.FETCH_PAGE_FAULT:
                if (faultCode == VmSystem.VM_WOULD_BLOCK) {
                    return faultWait(traps);
                }
                return exception(traps, EXC_BAD_ACCESS, faultCode, hart.tval());
            default: // access faults and misaligned accesses: addresses that can never be used so
                return exception(traps, EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, hart.tval());
        }
    }

    /**
     * The fault of the instruction at pc must wait for VM: waits, holding no
     * Java thread, for VM's next change, then lets the instruction run
     * again. Returns false if the thread's code must return (it blocked
     * with a continuation, or it is terminating). Conditions: outside a
     * slice, on the Java thread acting for the thread.
     */
    private boolean faultWait(MachTraps traps) {
        faultCode = KERN_INVALID_ADDRESS;
        boolean ofTrap = trapFault;
        trapFault = false;
        IpcPort port = wakeupPort();
        if (port == null) {
            return blockingFault(traps, ofTrap); // the space is dead: the thread is about to end
        }
        Runnable wake = () -> thread.task().ipc().kernelWakeup(port, FAULT_WAKEUP_ID);
        pmap.whenChanged(faultSeen, wake);
        int mr = wakeupReceive(traps, port);
        if (mr == MACH_RCV_IN_PROGRESS) {
            return false; // blocked with a continuation: this Java thread is done with the thread
        }
        tlbStale();
        if (mr == KERN_SUCCESS || mr == MACH_RCV_INTERRUPTED || thread.terminating) {
            return !thread.terminating; // VM changed already (or thread_abort): fault again
        }
        dropWakeupPort(port); // the task destroyed or replaced the right: wait as a native thread does
        return blockingFault(traps, ofTrap);
    }

    /**
     * A trap (its pc back at its ecall) needs the task's memory at
     * {@code address}, which VM could not give without waiting: waits for
     * VM's next change after {@code seen} as a page fault does, holding no
     * Java thread, then the trap runs again. Returns false if the thread's
     * code must return. Conditions: outside a slice, on the Java thread
     * acting for the thread.
     */
    boolean trapFaultWait(MachTraps traps, long address, int access, long seen) {
        faultAddress = address;
        faultAccess = access;
        faultSeen = seen;
        trapFault = true;
        return faultWait(traps);
    }

    /** The fault waited for is a trap's access to memory (not the hart's): its address is faultAddress. */
    private boolean trapFault;

    /** The mach_msg trap runs and may be made again: a fault its copyin needs may be deferred. */
    private boolean trapMayDefer;

    void trapMayDefer(boolean may) {
        trapMayDefer = may;
    }

    /**
     * A page the running mach_msg trap's copyin needs (out-of-line data):
     * if VM cannot give it without waiting, it is recorded for
     * {@link #deferredFaultWait} and the trap is undone. Returns whether it
     * was deferred; false lets the kernel fault it in as for any thread.
     * Conditions: no lock held, on the Java thread acting for the thread.
     */
    boolean deferTrapFault(long address) {
        if (!trapMayDefer) {
            return false;
        }
        long seen = pmap.changeCount();
        if (pmap.fault(address, Mmu.READ, noWait) != VmSystem.VM_WOULD_BLOCK) {
            return false;
        }
        deferredAddress = address;
        deferredSeen = seen;
        return true;
    }

    private long deferredAddress;
    private long deferredSeen;

    /**
     * The trap that deferred its fault ({@link #deferTrapFault}; its pc back
     * at its ecall) waits for VM, then runs again. Returns false if the
     * thread's code must return. Conditions: outside a slice, on the Java
     * thread acting for the thread.
     */
    boolean deferredFaultWait(MachTraps traps) {
        return trapFaultWait(traps, deferredAddress, Mmu.READ, deferredSeen);
    }

    /** VM's change count now, to read before an access that may have to wait (see {@link #trapFaultWait}). */
    long vmChangeCount() {
        return pmap.changeCount();
    }

    /** The thread as an access of its trap sees it: it never waits in VM. */
    VmThread noWait() {
        return noWait;
    }

    /**
     * Receives on the wakeup port {@code port} with a continuation that
     * runs the loop again on a pooled Java thread, at the same pc. Returns
     * MACH_RCV_IN_PROGRESS if the thread blocked (this Java thread is then
     * done with it), else the receive's result.
     */
    private int wakeupReceive(MachTraps traps, IpcPort port) {
        return wakeupReceive(traps, port, 0);
    }

    /** As {@link #wakeupReceive(MachTraps, IpcPort)}, for at most {@code timeout} ms (0: no limit). */
    private int wakeupReceive(MachTraps traps, IpcPort port, int timeout) {
        int name = thread.task().ipc().receiveName(port);
        MachMessage msg = new MachMessage(WAKEUP_SIZE);
        int option = timeout != 0 ? MACH_RCV_MSG | MACH_RCV_TIMEOUT : MACH_RCV_MSG;
        return traps.machMsgContinue(msg, option, 0, WAKEUP_SIZE, name, timeout, 0, (self, m, result) -> {
            // On whichever Java thread sent the wakeup (or the executor): go on elsewhere, at the same pc.
            if (result != KERN_SUCCESS && result != MACH_RCV_INTERRUPTED && result != MACH_RCV_TIMED_OUT) {
                dropWakeupPort(port); // the task destroyed it: a new one for the next wait
            }
            tlbStale();
            thread.continueOnPool(this::run);
        });
    }

    /**
     * thread_switch with SWITCH_OPTION_WAIT (trap -61, the pc past the
     * ecall): the thread waits {@code time} ms (at least one) holding no
     * Java thread — a receive with MACH_RCV_TIMEOUT and a continuation on
     * its wakeup port, which only a stale wakeup or thread_abort ends
     * early, as Mach's clear_wait may — then goes on with a0 KERN_SUCCESS.
     * Returns false if the thread's code must return (it blocked with a
     * continuation, or it is terminating).
     * Conditions: outside a slice, on the Java thread acting for the thread.
     */
    boolean switchWait(MachTraps traps, int time) {
        IpcPort port = wakeupPort();
        if (port == null) { // the space is dead: the thread is about to end
            hart.setX(A0_REGISTER, traps.threadSwitch(0, org.jmach.mach.ThreadSwitch.SWITCH_OPTION_WAIT, time));
            return !thread.terminating;
        }
        hart.setX(A0_REGISTER, KERN_SUCCESS); // the trap's result, set before the continuation can run on
        int mr = wakeupReceive(traps, port, Math.max(1, time));
        if (mr == MACH_RCV_IN_PROGRESS) {
            return false; // blocked with a continuation: this Java thread is done with the thread
        }
        tlbStale();
        if (mr != KERN_SUCCESS && mr != MACH_RCV_INTERRUPTED && mr != MACH_RCV_TIMED_OUT && !thread.terminating) {
            dropWakeupPort(port); // the task destroyed or replaced the right: a new one next time
        }
        return !thread.terminating;
    }

    /**
     * A system call of the task's emulation (a non-negative a7; the pc past
     * the ecall). The emulation may wait as a thread waits without its
     * stack: when its {@code machMsgContinue} blocks, it returns at once,
     * and the continuation it gave finishes the call; when that
     * continuation returns (without blocking again) the program goes on,
     * on a pooled Java thread ({@link #emulationContinuation}). Returns
     * false if the thread's code must return (it blocked with a
     * continuation, or it is terminating).
     * Conditions: outside a slice, on the Java thread acting for the thread.
     */
    boolean emulate(org.jmach.mach.SyscallEmulation emulation, MachTraps traps) {
        emulating = true;
        try {
            emulation.syscall(traps, this);
        } finally {
            emulating = false;
        }
        if (thread.blockedWithContinuation()) {
            return false; // the call waits with a continuation: this Java thread is done with the thread
        }
        tlbStale(); // the emulation may have changed the task's memory
        return !thread.terminating;
    }

    /** The thread runs its task's emulation (a call or its continuation): its continuations are wrapped. */
    private boolean emulating;

    /**
     * {@code c}, a continuation the emulation gives {@code machMsgContinue}
     * during a call, made to end the call: once it returns, unless it
     * blocked again, the program goes on at its pc on a pooled Java thread.
     * Null if the thread is not in an emulated call (c is then used as is).
     * Conditions: on the Java thread acting for the thread.
     */
    org.jmach.mach.MachMsgContinuation emulationContinuation(org.jmach.mach.MachMsgContinuation c) {
        if (!emulating) {
            return null;
        }
        return (self, m, result) -> {
            emulating = true;
            try {
                c.resume(self, m, result);
            } finally {
                emulating = false;
            }
            if (thread.blockedWithContinuation()) {
                return; // it waits again: the continuation it gave then goes on
            }
            tlbStale();
            if (!thread.terminating) {
                thread.continueOnPool(this::run);
            }
        };
    }

    /** a0, the trap's result register. */
    private static final int A0_REGISTER = 10;

    /**
     * The thread is suspended (thread_suspend or task_suspend while it
     * ran): it stops between slices holding no Java thread, waiting on its
     * wakeup port for the resumption that lets it run again (which sends
     * it a wakeup, {@link SchedPrim#suspend}); then it goes on at its pc on
     * a pooled Java thread. Returns false if the thread's code must return
     * (it blocked with a continuation, or it is terminating).
     * Conditions: outside a slice, on the Java thread acting for the thread.
     */
    private boolean stopWait(MachTraps traps) {
        IpcPort port = wakeupPort();
        if (port == null) {
            return thread.checkpointStopping(); // the space is dead: the thread is about to end
        }
        if (!thread.sched().stopWithContinuation(thread, port)) {
            return !thread.terminating; // resumed meanwhile (or terminating: the checkpoint ends it)
        }
        int mr = wakeupReceive(traps, port);
        if (mr == MACH_RCV_IN_PROGRESS) {
            return false; // blocked with a continuation: this Java thread is done with the thread
        }
        tlbStale();
        if (mr != KERN_SUCCESS && mr != MACH_RCV_INTERRUPTED && !thread.terminating) {
            dropWakeupPort(port); // the task destroyed or replaced the right: a new one next time
        }
        return !thread.terminating; // a wakeup at once (perhaps a stale one): the loop looks again
    }

    /** The size of a wakeup's receive buffer: the header and room for a trailer. */
    private static final int WAKEUP_SIZE = MACH_MSG_HEADER_SIZE + 64;

    /** The wakeup port, made now if the thread has none (null if the task's space is dead). */
    private IpcPort wakeupPort() {
        IpcPort port = wakeupPort;
        if (port == null) {
            port = thread.task().ipc().wakeupPortAlloc(thread.space());
            wakeupPort = port;
        }
        return port;
    }

    private void dropWakeupPort(IpcPort port) {
        if (wakeupPort == port) {
            wakeupPort = null;
        }
        thread.task().ipc().wakeupPortDestroy(thread.space(), port);
    }

    /**
     * The fault again (its address and kind of access kept by
     * {@link #translate} or {@link #trapFaultWait}), waiting with this Java
     * thread parked as a native thread's would; a trap's ({@code ofTrap})
     * that fails is that address's EXC_BAD_ACCESS, the hart's the faulting
     * instruction's. Conditions: outside a slice, on the Java thread
     * acting for the thread. Returns: false if the thread's code must
     * return (it is terminating, or the fault's exception ended it).
     */
    private boolean blockingFault(MachTraps traps, boolean ofTrap) {
        int kr = pmap.fault(faultAddress, faultAccess, thread.vmThread());
        tlbStale();
        if (kr == KERN_SUCCESS || thread.terminating) {
            return !thread.terminating;
        }
        return exception(traps, EXC_BAD_ACCESS, kr, ofTrap ? faultAddress : hart.tval());
    }

    /** EXC_BREAKPOINT's code for ebreak (as GNU Mach's EXC_I386_BPT names int3's). */
    static final int EXC_RISCV_BREAKPOINT = 1;

    /**
     * Raises an exception for the instruction at pc (which has not
     * retired). A handler's KERN_SUCCESS resumes the thread at its pc,
     * which it may have changed with thread_set_state. Returns false if the
     * thread must end.
     */
    boolean exception(MachTraps traps, int exception, int code, long subcode) {
        faultCode = KERN_INVALID_ADDRESS;
        return raise(traps, exception, code, subcode, 0);
    }

    /** The levels of exception ports: the thread's, then its task's. */
    private static final int EXCEPTION_LEVELS = 2;
    /** The size of an exception_raise reply's receive buffer: the reply and room for a trailer. */
    private static final int EXCEPTION_REPLY_SIZE = MACH_MSG_HEADER_SIZE + 64;

    /**
     * The exception RPC from {@code level} on, as {@link MachException}
     * makes it, but waiting for the handler's reply with a continuation:
     * the request names a reply port whose receive right the task holds
     * (made for this RPC, destroyed when the reply is read), and the thread
     * receives on it holding no Java thread. A handler's KERN_SUCCESS (or
     * thread_abort) resumes the thread at its pc; any other answer, or no
     * handler, passes it on to the next level; after the last the task is
     * terminated. Returns false if the thread's code must return (it
     * blocked with a continuation, or it is ending).
     * Conditions: outside a slice, on the Java thread acting for the thread.
     */
    private boolean raise(MachTraps traps, int exception, int code, long subcode, int level) {
        for (; level < EXCEPTION_LEVELS; level++) {
            if (thread.terminating) {
                return false;
            }
            IpcPort handler = MachException.exceptionPort(thread, level);
            if (handler == null) {
                continue;
            }
            org.jmach.kernel.ipc.Ipc ipc = thread.task().ipc();
            IpcPort reply = ipc.wakeupPortAlloc(thread.space());
            if (reply == null) {
                MachException.release(thread, handler);
                return false; // the space is dead: the thread is about to end
            }
            rpcReply = reply;
            int mr = org.jmach.kernel.ipc.IpcKernelRpc.exceptionRaiseSend(ipc, handler, thread.ports().kernelPort(),
                    thread.task().ports().kernelPort(), reply, exception, code, subcode);
            MachException.release(thread, handler);
            if (mr != KERN_SUCCESS) {
                dropRpcReply(reply);
                continue;
            }
            int next = level + 1;
            MachMessage msg = new MachMessage(EXCEPTION_REPLY_SIZE);
            int r = traps.machMsgContinue(msg, MACH_RCV_MSG, 0, EXCEPTION_REPLY_SIZE, ipc.receiveName(reply), 0, 0,
                    (self, m, result) -> {
                        // On whichever Java thread sent the reply (or the executor): read it, go on elsewhere.
                        int kr = replyCode(reply, m, result);
                        tlbStale(); // the handler may have changed the task's memory
                        thread.continueOnPool(t -> {
                            if (kr == KERN_SUCCESS || kr == MACH_RCV_INTERRUPTED
                                    || raise(t, exception, code, subcode, next)) {
                                run(t);
                            }
                        });
                    });
            if (r == MACH_RCV_IN_PROGRESS) {
                return false; // blocked with a continuation: this Java thread is done with the thread
            }
            int kr = replyCode(reply, msg, r);
            tlbStale();
            if (thread.terminating) {
                return false;
            }
            if (kr == KERN_SUCCESS || kr == MACH_RCV_INTERRUPTED) {
                return true; // resume at pc (thread_abort: the cause, if it remains, faults again)
            }
        }
        if (!thread.terminating) {
            thread.task().terminate(); // exception_no_server
        }
        return false;
    }

    /** The reply port of the exception RPC in progress, if any: destroyed when the thread ends. */
    private volatile IpcPort rpcReply;

    /** The handler's answer (or the receive's failure), the RPC's reply port then destroyed. */
    private int replyCode(IpcPort reply, MachMessage m, int result) {
        dropRpcReply(reply);
        if (result != KERN_SUCCESS) {
            return result;
        }
        return org.jmach.kernel.ipc.IpcKernelRpc.exceptionReplyCode(m);
    }

    private void dropRpcReply(IpcPort reply) {
        if (rpcReply == reply) {
            rpcReply = null;
        }
        thread.task().ipc().wakeupPortDestroy(thread.space(), reply);
    }

    // ---- The MMU ----

    /**
     * Routine: the TLB fill. Purpose: the frame behind {@code vpn} from the
     * pmap for {@code access} (the hart's READ, WRITE and EXECUTE are
     * vm_prot_t's bits: an instruction fetch needs VM_PROT_EXECUTE); on a
     * miss, vm_fault for that access outside the run bracket and a new look.
     * Conditions: inside a slice, on the hart's thread. Returns: the frame;
     * null for a page fault (the fault's code kept for the exception:
     * KERN_PROTECTION_FAILURE for a store to memory without write
     * permission or a fetch from memory without execute permission);
     * ACCESS_FAULT for a page no map can have.
     */
    @Override
    public byte[] translate(long vpn, int access) {
        if (vpn < 0 || vpn >= VPN_LIMIT) {
            return ACCESS_FAULT;
        }
        byte[] frame = pmap.frame(vpn, access);
        for (int i = 0; frame == null && i < FAULT_RETRIES; i++) {
            int kr;
            long seen = pmap.changeCount(); // before the fault: a change after it wakes the wait
            pmap.endRun(stamp);
            try {
                kr = pmap.fault(vpn << PAGE_SHIFT, access, noWait);
            } finally {
                stamp = pmap.beginRun();
            }
            long g = pmap.generation();
            if (g != generation) {
                hart.flushTlb();
                generation = g;
            }
            if (kr != KERN_SUCCESS) {
                faultCode = kr;
                faultAddress = vpn << PAGE_SHIFT;
                faultAccess = access;
                faultSeen = seen;
                return null;
            }
            frame = pmap.frame(vpn, access);
        }
        return frame;
    }

    // ---- Registers ----

    @Override
    public long x(int i) {
        return hart.x(i);
    }

    @Override
    public void setX(int i, long value) {
        hart.setX(i, value);
    }

    @Override
    public long pc() {
        return hart.pc();
    }

    @Override
    public void setPc(long pc) {
        hart.setPc(pc);
    }

    /** Routine: thread_get_state for RISCV_THREAD_STATE. */
    RiscvThreadState state() {
        long[] x = new long[32];
        for (int i = 1; i < 32; i++) {
            x[i] = hart.x(i);
        }
        return new RiscvThreadState(hart.pc(), x);
    }

    /** Routine: thread_set_state for RISCV_THREAD_STATE. */
    void setState(RiscvThreadState s) {
        for (int i = 1; i < 32; i++) {
            hart.setX(i, s.x(i));
        }
        hart.setPc(s.pc());
        hart.cancelReservation();
    }

    /** Routine: thread_get_state for RISCV_FLOAT_STATE. */
    RiscvFloatState floatState() {
        long[] f = new long[32];
        for (int i = 0; i < 32; i++) {
            f[i] = hart.f(i);
        }
        return new RiscvFloatState(f, hart.fcsr());
    }

    /** Routine: thread_set_state for RISCV_FLOAT_STATE. */
    void setFloatState(RiscvFloatState s) {
        long[] f = s.f();
        for (int i = 0; i < 32; i++) {
            hart.setF(i, f[i]);
        }
        hart.setFcsr(s.fcsr());
    }
}
