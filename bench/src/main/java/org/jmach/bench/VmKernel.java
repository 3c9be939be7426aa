package org.jmach.bench;

import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;

import java.util.Arrays;

import org.jmach.hw.Machine;
import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One boot for the VM benchmarks: two processors and 256 MiB (room for
 * 64 MiB of out-of-line data resident in a sender, with the pageout
 * daemon idle: no benchmark comes near its threshold, and there is no
 * default pager), the task {@code bench} with the JMH thread attached to
 * it as a Mach thread, and that thread's mach.defs stubs. Every kernel
 * service is asked through its MIG routine, as a user task would.
 */
public abstract class VmKernel {

    static final int PAGE = Machine.PAGE_SIZE;
    static final long MEMORY = 256L << 20;

    Startup startup;
    Task task;
    Thread self;
    java.lang.Thread selfJavaThread;
    MachTraps traps;
    MachUser mach;
    /** mach_task_self, asked once (each call adds a user reference). */
    int taskSelf;
    /** Eight bytes to store: one word per touched page. */
    final byte[] word = new byte[8];

    void boot() {
        attach(Startup.setupMain(BenchMachine.of(2, MEMORY), org.jmach.vm.vm.Vm::new, "jmach-bench"));
    }

    /** Makes the task {@code bench} in {@code kernel}, with the JMH thread attached to it as a Mach thread. */
    void attach(Startup kernel) {
        startup = kernel;
        task = startup.taskCreate("bench");
        self = task.threadAttach("bench");
        selfJavaThread = java.lang.Thread.currentThread();
        traps = self.traps();
        mach = traps.mach();
        taskSelf = traps.machTaskSelf();
    }

    /** vm_allocate anywhere; the address. */
    long allocate(long size) {
        long[] address = {0};
        check(mach.vmAllocate(taskSelf, address, size, 1), "vm_allocate");
        return address[0];
    }

    void deallocate(long address, long size) {
        check(mach.vmDeallocate(taskSelf, address, size), "vm_deallocate");
    }

    /** Writes every page of [address, address + size) whole, once: the data is resident afterwards. */
    void fill(long address, long size) {
        byte[] page = new byte[PAGE];
        for (long off = 0; off < size; off += PAGE) {
            Arrays.fill(page, (byte) (off / PAGE + 1));
            check(traps.store(address + off, page, 0, PAGE), "store");
        }
    }

    /** One 8-byte store: the first touch of a page faults. */
    void store(long address) {
        int kr = traps.store(address, word, 0, 8);
        if (kr != KernReturn.KERN_SUCCESS) {
            throw new IllegalStateException("store at 0x" + Long.toHexString(address) + ": " + KernReturn.name(kr));
        }
    }

    /**
     * A send right, in the bench task's space, to {@code other}'s task
     * port: what a bootstrap gives the task that sets up a server's ports.
     */
    int taskPort(Task other) {
        return startup.ipc().makeSendCopyout(other.ports().kernelPort(), task.space());
    }

    /**
     * A new port whose receive right task {@code otherTask} (a task port
     * name) holds: {name there, a send right's name here}, through
     * mach_port_allocate and mach_port_extract_right on that task.
     */
    int[] portIn(int otherTask) {
        int[] name = new int[1];
        check(traps.machPort().machPortAllocate(otherTask, MACH_PORT_RIGHT_RECEIVE, name), "mach_port_allocate");
        int[] send = new int[1];
        int[] type = new int[1];
        check(traps.machPort().machPortExtractRight(otherTask, name[0], MACH_MSG_TYPE_MAKE_SEND, send, type),
                "mach_port_extract_right");
        return new int[] {name[0], send[0]};
    }

    static void check(int kr, String what) {
        if (kr != KernReturn.KERN_SUCCESS) {
            throw new IllegalStateException(what + ": " + KernReturn.name(kr));
        }
    }

    /** Runs at every iteration: the attached thread must be the one running the benchmark. */
    @Setup(Level.Iteration)
    public void sameThread() {
        if (java.lang.Thread.currentThread() != selfJavaThread) {
            throw new IllegalStateException("JMH changed the benchmark thread; the Mach thread is attached to "
                    + selfJavaThread.getName());
        }
    }

    /** Detaches the benchmark's thread and shuts the kernel down (every task, the servers' too). */
    @TearDown(Level.Trial)
    public void halt() {
        try {
            if (self != null) {
                self.detach();
            }
        } finally {
            if (startup != null) {
                startup.shutdown();
            }
        }
    }
}
