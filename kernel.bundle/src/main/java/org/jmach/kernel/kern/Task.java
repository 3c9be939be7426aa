package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.TaskSpecialPorts.TASK_BOOTSTRAP_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_NOTIFY_PORT;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcMemory;
import org.jmach.kernel.ipc.IpcSpace;
import org.jmach.kernel.ipc.IpcTaskObject;
import org.jmach.kernel.ipc.IpcTt;
import org.jmach.mach.MachTraps;
import org.jmach.mach.NativeEntry;
import org.jmach.vm.spi.AddressMap;

/**
 * A task: the unit of resource ownership (GNU Mach's {@code kern/task.c}):
 * an IPC space, memory, its kernel port and special ports, its threads,
 * the processor set its new threads join and the priorities they get.
 *
 * <p>Lifecycle: created active; {@link #terminate} makes it inactive, once
 * and for good: its threads are terminated, its space destroyed (receive
 * rights die; senders elsewhere see dead names and get their
 * notifications), its kernel port dies. {@code active} is written under
 * the task's monitor; the scheduling fields ({@code suspendCount},
 * {@code priority}, {@code maxPriority}, {@code pset}) under the scheduler
 * lock.
 */
public final class Task implements IpcTaskObject {

    private final int id;
    private volatile String name;
    private final Ipc ipc;
    private final SchedPrim sched;
    private final Host host;
    private final IpcSpace space;
    private final TaskMemory memory;
    private final IpcTt ports;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final List<NativeEntry> entries = new ArrayList<>();
    private final long createdMillis = System.currentTimeMillis();
    private volatile boolean active = true;

    // Scheduling (SchedPrim's lock).
    int suspendCount;
    int priority;
    int maxPriority;
    ProcessorSet pset;

    /** Times of the threads that have ended, and message counts (task_info). */
    final AtomicLong deadUserNanos = new AtomicLong();
    final AtomicLong deadSystemNanos = new AtomicLong();
    final AtomicInteger messagesSent = new AtomicInteger();
    final AtomicInteger messagesReceived = new AtomicInteger();

    Task(int id, String name, Ipc ipc, SchedPrim sched, Host host, TaskMemory memory) {
        this.memory = memory;
        this.id = id;
        this.name = name;
        this.ipc = ipc;
        this.sched = sched;
        this.host = host;
        this.space = ipc.spaceCreate("task " + name);
        this.ports = new IpcTt(ipc, this, Ipc.IKOT_TASK, TASK_NOTIFY_PORT, TASK_EXCEPTION_PORT, TASK_BOOTSTRAP_PORT);
    }

    public int id() {
        return id;
    }

    /** The task's name, as task_set_name sets it. */
    public String name() {
        return name;
    }

    /** Routine: task_set_name. */
    void setName(String name) {
        this.name = name;
    }

    public boolean isActive() {
        return active;
    }

    public IpcSpace space() {
        return space;
    }

    public TaskMemory memory() {
        return memory;
    }

    public IpcTt ports() {
        return ports;
    }

    /** The task's address map (GNU Mach's {@code task->map}). */
    public AddressMap map() {
        return memory.map();
    }

    /** Whether VM may give this task's threads the frames kept for paging (the default pager, the kernel). */
    volatile boolean vmPrivileged;

    Ipc ipc() {
        return ipc;
    }

    /** The host the task runs on. */
    Host host() {
        return host;
    }

    SchedPrim sched() {
        return sched;
    }

    /** When the task was created, in ms since the epoch. */
    long createdMillis() {
        return createdMillis;
    }

    @Override
    public IpcSpace ipcSpace() {
        return active ? space : null;
    }

    @Override
    public IpcMemory ipcMemory() {
        return memory;
    }

    /** The task's live threads. */
    public List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The live threads, for the scheduler. */
    List<Thread> threadList() {
        return threads;
    }

    /**
     * Routine: thread_create, thread_set_state and thread_resume for a
     * native thread. Purpose: a new Mach thread of this task, backed by a
     * new Java thread, runs {@code body} with its traps once it has a
     * processor; it ends when {@code body} returns.
     *
     * <p>Returns: the thread; null if the task has terminated.
     */
    public Thread threadCreate(String threadName, Consumer<MachTraps> body) {
        Thread thread = newThread(threadName);
        if (thread != null) {
            thread.start(body);
        }
        return thread;
    }

    /**
     * Routine: thread_create (kernel side). Purpose: a new thread, NEW and
     * suspended once: it runs when resumed, at the program counter of its
     * register set.
     *
     * <p>Conditions: nothing locked but possibly the IPC lock.
     * Returns: the thread; null if the task has terminated.
     */
    Thread threadCreateSuspended(String threadName) {
        Thread thread = newThread(threadName);
        if (thread != null) {
            sched.lock.lock();
            try {
                thread.suspendCount = 1;
            } finally {
                sched.lock.unlock();
            }
        }
        return thread;
    }

    /**
     * A new thread of this task, in its set with its priorities, or null if
     * the task has terminated. The thread's port is made before the task's
     * monitor is taken: MIG routines come here holding the IPC lock.
     */
    private Thread newThread(String threadName) {
        if (!active) {
            return null;
        }
        int tid = threadIds.incrementAndGet();
        Thread thread = new Thread(this, tid, threadName != null ? threadName : Integer.toString(tid));
        sched.lock.lock();
        try {
            sched.threadInit(thread, this);
        } finally {
            sched.lock.unlock();
        }
        boolean added;
        synchronized (this) {
            added = active && threads.add(thread);
        }
        if (!added) {
            sched.lock.lock();
            try {
                thread.state = SchedPrim.HALTED;
                thread.pset.threads.remove(thread);
            } finally {
                sched.lock.unlock();
            }
            thread.ports().destroy();
            return null;
        }
        return thread;
    }

    /**
     * Binds the calling Java thread as a new Mach thread of this task, once
     * it has a processor (for tests, benchmarks and kernel daemons that
     * already have a Java thread). {@link Thread#detach} ends it.
     *
     * <p>Returns: the thread; null if the task has terminated.
     */
    public Thread threadAttach(String threadName) {
        Thread thread = newThread(threadName);
        if (thread != null) {
            thread.attach();
        }
        return thread;
    }

    /** The task's system call emulation (task_set_emulation), or null. */
    private volatile org.jmach.mach.SyscallEmulation emulation;

    /** The system call emulation of the task's interpreted threads, or null for none (EXC_SYSCALL). */
    public org.jmach.mach.SyscallEmulation emulation() {
        return emulation;
    }

    /** Routine: task_set_emulation (the Java side, for the whole table). Null removes it. */
    public void setEmulation(org.jmach.mach.SyscallEmulation emulation) {
        this.emulation = emulation;
    }

    void threadGone(Thread thread) {
        long[] t = thread.times();
        deadUserNanos.addAndGet(t[0]);
        deadSystemNanos.addAndGet(t[1]);
        threads.remove(thread);
    }

    /**
     * Registers Java code the task's native threads can start at; returns
     * its program counter (never 0), or 0 if the task has terminated.
     */
    synchronized long nativeEntry(NativeEntry entry) {
        if (!active) {
            return 0;
        }
        entries.add(entry);
        return entries.size();
    }

    /** The code at program counter {@code pc}, or null if there is none. */
    synchronized NativeEntry nativeEntryAt(long pc) {
        return pc >= 1 && pc <= entries.size() ? entries.get((int) pc - 1) : null;
    }

    /**
     * Routine: task_terminate (kernel side). Purpose: end the task.
     *
     * <p>Conditions: nothing locked on entry but possibly the IPC lock;
     * takes the task's monitor, the scheduler lock and the IPC lock.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_TASK if the task had already
     * terminated.
     */
    public int terminate() {
        synchronized (this) {
            if (!active) {
                return KERN_INVALID_TASK;
            }
            active = false;
        }
        for (Thread t : threads) {
            t.terminate();
        }
        sched.lock.lock();
        try {
            pset.tasks.remove(this);
        } finally {
            sched.lock.unlock();
        }
        ipc.spaceDestroy(space);
        ports.destroy();
        memory.map().destroy();
        return KERN_SUCCESS;
    }

    @Override
    public String toString() {
        return "task " + name + (active ? "" : " (terminated)");
    }
}
