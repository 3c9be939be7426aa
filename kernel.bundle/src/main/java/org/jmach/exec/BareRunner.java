package org.jmach.exec;

import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.ExceptionTypes.EXC_BAD_INSTRUCTION;
import static org.jmach.mach.ExceptionTypes.EXC_BREAKPOINT;
import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE_COUNT;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.mach.ExcServer;
import org.jmach.mach.ExcServerDemux;
import org.jmach.mach.ExceptionTypes;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigTaskMemory;
import org.jmach.mach.RiscvRegisters;
import org.jmach.mach.RiscvThreadState;
import org.jmach.mach.SyscallEmulation;

/**
 * The bare personality: runs a static RISC-V executable as a Mach task with
 * no operating-system server, its system calls served by a small
 * user-level emulation ({@link SyscallEmulation}) with Linux's RISC-V
 * numbers, so that the same binary runs on qemu-riscv64:
 *
 * <table>
 * <caption>System calls</caption>
 * <tr><td>read 63</td><td>fd 0: the runner's input, as it comes (up to 4 KiB a message); the
 * program waits in mach_msg, holding no Java thread ({@link StdinPump})</td></tr>
 * <tr><td>write 64</td><td>fd 1 and 2: the runner's output and error streams</td></tr>
 * <tr><td>exit 93, exit_group 94</td><td>the program's status (a0 &amp; 0xff)</td></tr>
 * <tr><td>clock_gettime 113</td><td>CLOCK_REALTIME 0 from the host's clock, the others monotonic</td></tr>
 * <tr><td>brk 214</td><td>the program break: vm_allocate above the highest segment</td></tr>
 * </table>
 *
 * <p>Any other number ends the program with a message naming it, and status
 * 128 + SIGSYS (159). An exception (EXC_BAD_ACCESS, EXC_BAD_INSTRUCTION,
 * EXC_BREAKPOINT) reaches the runner's exception port: it prints what and
 * where, terminates the program's task and gives 128 + the signal Linux
 * would send (SIGSEGV 139, SIGILL 132, SIGTRAP 133). A file that cannot be
 * loaded gives 126 and the loader's message.
 *
 * <p>How: a runner task (a native thread, the "server") makes the
 * program's task by task_create, loads it ({@link ElfLoader}), makes itself
 * the task's exception port, registers the emulation
 * ({@link MachNativeTasks#taskSetEmulation}), starts the thread by
 * thread_create, thread_set_state and thread_resume, and serves
 * exceptions. {@link #run} waits for the status on the caller's Java thread
 * (a console or the launcher: no Mach thread) and ends the runner task.
 */
public final class BareRunner {

    public static final int SYS_READ = 63;
    public static final int SYS_WRITE = 64;
    public static final int SYS_EXIT = 93;
    public static final int SYS_EXIT_GROUP = 94;
    public static final int SYS_CLOCK_GETTIME = 113;
    public static final int SYS_BRK = 214;

    /** The status of a file that could not be loaded (a shell's "cannot execute"). */
    public static final int STATUS_CANNOT_EXECUTE = 126;
    /** Signals, for statuses 128 + signal. */
    static final int SIGILL = 4;
    static final int SIGTRAP = 5;
    static final int SIGKILL = 9;
    static final int SIGSEGV = 11;
    static final int SIGSYS = 31;

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EINVAL = 22;
    static final int ENOMEM = 12;
    /** The most the break may grow above its start. */
    static final long BRK_MAX = 1L << 30;
    private static final int CHUNK = 64 << 10;
    /** A call's result that is not there yet: it comes in a continuation, which sets a0 itself. */
    private static final long LATER = Long.MIN_VALUE;
    private static final int A0 = 10;
    private static final int A7 = 17;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final MachNativeTasks tasks;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    /** A runner on the kernel's bootstrap service, with the program's fds 0, 1 and 2. */
    public BareRunner(MachNativeTasks tasks, InputStream in, PrintStream out, PrintStream err) {
        this.tasks = tasks;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code file} (its path, for messages and argv[0]) with
     * {@code args}, and waits for it to end. Returns its exit status.
     * Interrupting the calling Java thread terminates the program.
     */
    public int run(String path, byte[] file, List<String> args) throws InterruptedException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String unique = "bare " + name + " #" + RUNS.incrementAndGet();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        int runner = tasks.taskCreate("bare runner " + name);
        List<String> argv = new ArrayList<>();
        argv.add(path);
        argv.addAll(args);
        StdinPump[] stdin = new StdinPump[1];
        int kr = tasks.threadCreate(runner, "runner",
                traps -> serve(traps, runner, name, unique, file, argv, status, stdin));
        if (kr != KERN_SUCCESS) {
            err.println("bare: " + name + ": cannot start: " + KernReturn.name(kr));
            return STATUS_CANNOT_EXECUTE;
        }
        try {
            boolean seen = false;
            while (true) {
                try {
                    return status.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // The program's task may have been terminated from outside (mach:kill): no status will come.
                    int id = tasks.taskLookup(unique);
                    seen |= id != 0;
                    if (seen && id == 0 && !status.isDone()) {
                        status.complete(128 + SIGKILL);
                    }
                } catch (ExecutionException e) {
                    return STATUS_CANNOT_EXECUTE;
                }
            }
        } finally {
            StdinPump pump = stdin[0];
            if (pump != null) {
                pump.stop();
            }
            int id = tasks.taskLookup(unique);
            if (id != 0) {
                tasks.taskTerminate(id);
            }
            tasks.taskTerminate(runner);
        }
    }

    /** The runner task's thread: makes, loads and starts the program, then serves its exceptions. */
    private void serve(MachTraps traps, int runner, String name, String unique, byte[] file, List<String> argv,
            CompletableFuture<Integer> status, StdinPump[] stdin) {
        int self = traps.machTaskSelf();
        int[] child = new int[1];
        int kr = traps.mach().taskCreate(self, 0, child);
        if (kr == KERN_SUCCESS) {
            kr = traps.gnumach().taskSetName(child[0], unique);
        }
        if (kr != KERN_SUCCESS) {
            fail(status, name, "task_create: " + KernReturn.name(kr));
            return;
        }
        ElfLoader.Result image = ElfLoader.load(traps.mach(), child[0], file, argv, List.of());
        if (!image.ok()) {
            fail(status, name, image.error());
            return;
        }
        int[] port = new int[1];
        kr = traps.machPort().machPortAllocate(self, MACH_PORT_RIGHT_RECEIVE, port);
        if (kr == KERN_SUCCESS) {
            kr = traps.machPort().machPortInsertRight(self, port[0], port[0], MACH_MSG_TYPE_MAKE_SEND);
        }
        if (kr == KERN_SUCCESS) {
            kr = traps.mach().taskSetSpecialPort(child[0], TASK_EXCEPTION_PORT, port[0]);
        }
        // The program's input port: its receive right in the program's task, a send right here for the pump.
        int[] input = new int[1];
        int[] inputSend = new int[1];
        if (kr == KERN_SUCCESS) {
            kr = traps.machPort().machPortAllocate(child[0], MACH_PORT_RIGHT_RECEIVE, input);
        }
        if (kr == KERN_SUCCESS) {
            kr = traps.machPort().machPortExtractRight(child[0], input[0], MACH_MSG_TYPE_MAKE_SEND, inputSend,
                    new int[1]);
        }
        if (kr == KERN_SUCCESS) {
            stdin[0] = new StdinPump(tasks, in, runner, inputSend[0]);
            kr = tasks.taskSetEmulation(tasks.taskLookup(unique),
                    new LinuxCalls(name, image.brk(), status, input[0], stdin[0]));
        }
        int[] thread = new int[1];
        if (kr == KERN_SUCCESS) {
            kr = traps.mach().threadCreate(child[0], thread);
        }
        if (kr == KERN_SUCCESS) {
            kr = traps.mach().threadSetState(thread[0], RISCV_THREAD_STATE,
                    RiscvThreadState.of(image.entry(), image.sp()).toWords());
        }
        if (kr == KERN_SUCCESS) {
            kr = traps.mach().threadResume(thread[0]);
        }
        if (kr != KERN_SUCCESS) {
            fail(status, name, "cannot start the program: " + KernReturn.name(kr));
            return;
        }
        ExcServer handler = (exceptionPort, victimThread, victimTask, exception, code, subcode) -> {
            long pc = pc(traps, victimThread);
            String what;
            int signal;
            if (exception == EXC_BAD_ACCESS) {
                what = String.format("EXC_BAD_ACCESS at 0x%x (%s), pc 0x%x", subcode, KernReturn.name(code), pc);
                signal = SIGSEGV;
            } else if (exception == EXC_BAD_INSTRUCTION) {
                what = String.format("EXC_BAD_INSTRUCTION: illegal instruction 0x%x at pc 0x%x", code, subcode);
                signal = SIGILL;
            } else if (exception == EXC_BREAKPOINT) {
                what = String.format("EXC_BREAKPOINT at pc 0x%x", subcode);
                signal = SIGTRAP;
            } else {
                what = String.format("%s (code 0x%x, subcode 0x%x), pc 0x%x", ExceptionTypes.name(exception), code,
                        subcode, pc);
                signal = SIGKILL;
            }
            err.println("bare: " + name + ": " + what);
            err.flush();
            status.complete(128 + signal);
            traps.mach().taskTerminate(victimTask);
            traps.machPort().machPortDeallocate(self, victimThread);
            traps.machPort().machPortDeallocate(self, victimTask);
            return KERN_FAILURE;
        };
        MachMsgServer.machMsgServer(traps,
                (request, reply) -> ExcServerDemux.excServer(handler, new MigTaskMemory(traps), request, reply),
                ExcServerDemux.MSG_SIZE_MAX, port[0]);
    }

    private void fail(CompletableFuture<Integer> status, String name, String why) {
        err.println("bare: " + name + ": " + why);
        err.flush();
        status.complete(STATUS_CANNOT_EXECUTE);
    }

    /** The pc of an interpreted thread, or -1. */
    private static long pc(MachTraps traps, int thread) {
        int[] state = new int[RISCV_THREAD_STATE_COUNT];
        int[] count = {RISCV_THREAD_STATE_COUNT};
        return traps.mach().threadGetState(thread, RISCV_THREAD_STATE, state, count) == KERN_SUCCESS
                ? RiscvThreadState.decode(state).pc() : -1;
    }

    /** The system calls of one program: Linux's numbers, served on the program's own thread. */
    private final class LinuxCalls implements SyscallEmulation {

        private final String name;
        private final long brkStart;
        private final CompletableFuture<Integer> status;
        private final int input;
        private final StdinPump pump;
        private long brk;
        /** Input received and not yet read, from {@code pendingAt}; the pump asked for more; the input ended. */
        private byte[] pending = new byte[0];
        private int pendingAt;
        private boolean asked;
        private boolean eof;

        LinuxCalls(String name, long brkStart, CompletableFuture<Integer> status, int input, StdinPump pump) {
            this.name = name;
            this.brkStart = brkStart;
            this.brk = brkStart;
            this.status = status;
            this.input = input;
            this.pump = pump;
        }

        @Override
        public void syscall(MachTraps traps, RiscvRegisters regs) {
            long number = regs.x(A7);
            long a0 = regs.x(A0);
            long a1 = regs.x(A0 + 1);
            long a2 = regs.x(A0 + 2);
            if (number == SYS_WRITE) {
                regs.setX(A0, write(traps, a0, a1, a2));
            } else if (number == SYS_READ) {
                long r = read(traps, regs, a0, a1, a2);
                if (r != LATER) {
                    regs.setX(A0, r);
                }
            } else if (number == SYS_EXIT || number == SYS_EXIT_GROUP) {
                exit(traps, (int) (a0 & 0xff));
            } else if (number == SYS_CLOCK_GETTIME) {
                regs.setX(A0, clockGettime(traps, a0, a1));
            } else if (number == SYS_BRK) {
                regs.setX(A0, brk(traps, a0));
            } else {
                err.println(String.format("bare: %s: unsupported system call %d at pc 0x%x", name, number,
                        regs.pc() - 4));
                err.flush();
                exit(traps, 128 + SIGSYS);
            }
        }

        private void exit(MachTraps traps, int code) {
            out.flush();
            status.complete(code);
            traps.mach().taskTerminate(traps.machTaskSelf());
        }

        private long write(MachTraps traps, long fd, long address, long count) {
            PrintStream to = fd == 1 ? out : fd == 2 ? err : null;
            if (to == null) {
                return -EBADF;
            }
            if (count < 0) {
                return -EINVAL;
            }
            byte[] buf = new byte[(int) Math.min(CHUNK, count)];
            for (long done = 0; done < count;) {
                int n = (int) Math.min(buf.length, count - done);
                if (traps.load(address + done, buf, 0, n) != KERN_SUCCESS) {
                    return -14; // EFAULT; the exception has been raised already
                }
                to.write(buf, 0, n);
                done += n;
            }
            to.flush();
            return count;
        }

        /**
         * read(0, buf, count): what input is at hand, else waits for the
         * next chunk in a receive on the input port with a continuation
         * (LATER: the continuation sets a0). thread_abort ends the wait with
         * -EINTR; the chunk asked for then waits for the next read.
         */
        private long read(MachTraps traps, RiscvRegisters regs, long fd, long address, long count) {
            if (fd != 0) {
                return -EBADF;
            }
            if (count <= 0) {
                return count == 0 ? 0 : -EINVAL;
            }
            if (pendingAt < pending.length) {
                return take(traps, address, count);
            }
            if (eof) {
                return 0;
            }
            if (!asked) {
                asked = true;
                pump.request();
            }
            MachMessage msg = new MachMessage(StdinPump.MESSAGE_MAX);
            int mr = traps.machMsgContinue(msg, MACH_RCV_MSG, 0, StdinPump.MESSAGE_MAX, input, 0, 0,
                    (self, m, result) -> regs.setX(A0, received(self, m, result, address, count)));
            return mr == MACH_RCV_IN_PROGRESS ? LATER : received(traps, msg, mr, address, count);
        }

        /** A chunk of input came (or the wait ended otherwise): the read's result. */
        private long received(MachTraps traps, MachMessage msg, int mr, long address, long count) {
            if (mr == MACH_RCV_INTERRUPTED) {
                return -EINTR;
            }
            if (mr != KERN_SUCCESS || msg.msghId() != StdinPump.STDIN_DATA_ID) {
                return -EIO;
            }
            asked = false;
            MachMsgItems items = msg.items();
            if (!items.next()) {
                return -EIO;
            }
            int n = items.integer32(0);
            if (n <= 0) {
                eof = true;
                return n;
            }
            if (!items.next()) {
                return -EIO;
            }
            pending = items.bytes();
            pendingAt = 0;
            return take(traps, address, count);
        }

        /** Copies what input is at hand, at most {@code count} bytes, to the program's buffer. */
        private long take(MachTraps traps, long address, long count) {
            int n = (int) Math.min(count, pending.length - pendingAt);
            if (traps.store(address, pending, pendingAt, n) != KERN_SUCCESS) {
                return -14; // EFAULT; the exception has been raised already
            }
            pendingAt += n;
            return n;
        }

        private long clockGettime(MachTraps traps, long clock, long address) {
            long sec;
            long nsec;
            if (clock == 0) {
                java.time.Instant now = java.time.Instant.now();
                sec = now.getEpochSecond();
                nsec = now.getNano();
            } else if (clock >= 1 && clock <= 7) {
                long t = System.nanoTime();
                sec = Math.floorDiv(t, 1_000_000_000L);
                nsec = Math.floorMod(t, 1_000_000_000L);
            } else {
                return -EINVAL;
            }
            byte[] ts = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(sec).putLong(nsec).array();
            return traps.store(address, ts, 0, 16) == KERN_SUCCESS ? 0 : -14;
        }

        /** brk(addr): the break moves to addr if it can (pages allocated or freed); returns the break. */
        private long brk(MachTraps traps, long address) {
            if (address < brkStart || address > brkStart + BRK_MAX) {
                return brk;
            }
            long oldTop = (brk + 4095) & -4096L;
            long newTop = (address + 4095) & -4096L;
            int task = traps.machTaskSelf();
            try {
                if (newTop > oldTop) {
                    if (traps.mach().vmAllocate(task, new long[] {oldTop}, newTop - oldTop, 0) != KERN_SUCCESS) {
                        return brk;
                    }
                } else if (newTop < oldTop) {
                    traps.mach().vmDeallocate(task, newTop, oldTop - newTop);
                }
            } finally {
                traps.machPort().machPortDeallocate(task, task);
            }
            brk = address;
            return brk;
        }
    }
}
