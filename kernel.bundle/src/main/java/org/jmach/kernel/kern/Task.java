package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcMemory;
import org.jmach.kernel.ipc.IpcSpace;
import org.jmach.kernel.ipc.IpcTaskObject;
import org.jmach.kernel.ipc.IpcTaskPorts;
import org.jmach.mach.MachTraps;

/**
 * A task: the unit of resource ownership (GNU Mach's {@code kern/task.c}):
 * an IPC space, memory, its kernel port and special ports, and threads.
 *
 * <p>Lifecycle: created active; {@link #terminate} makes it inactive, once
 * and for good: its threads are aborted, its space destroyed (receive
 * rights die; senders elsewhere see dead names and get their notifications),
 * its kernel port dies. {@code active} is written under the task's monitor.
 */
public final class Task implements IpcTaskObject {

    private final int id;
    private final String name;
    private final Ipc ipc;
    private final SchedPrim sched;
    private final Host host;
    private final IpcSpace space;
    private final TaskMemory memory = new TaskMemory();
    private final IpcTaskPorts ports;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadIds = new AtomicInteger();
    private volatile boolean active = true;

    Task(int id, String name, Ipc ipc, SchedPrim sched, Host host) {
        this.id = id;
        this.name = name;
        this.ipc = ipc;
        this.sched = sched;
        this.host = host;
        this.space = ipc.spaceCreate("task " + name);
        this.ports = new IpcTaskPorts(ipc, this);
    }

    public int id() {
        return id;
    }

    /** The task's name, as task_set_name would set it. */
    public String name() {
        return name;
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

    public IpcTaskPorts ports() {
        return ports;
    }

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

    /**
     * Routine: thread_create + thread_resume for a native thread. Purpose: a
     * new Mach thread of this task, backed by a new Java thread, runs
     * {@code body} with its traps once it has a processor; it ends when
     * {@code body} returns.
     *
     * <p>Returns: the thread; null if the task has terminated.
     */
    public Thread threadCreate(String threadName, Consumer<MachTraps> body) {
        if (!active) {
            return null;
        }
        Thread thread = new Thread(this, threadIds.incrementAndGet(), threadName);
        threads.add(thread);
        thread.start(body);
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
        if (!active) {
            return null;
        }
        Thread thread = new Thread(this, threadIds.incrementAndGet(), threadName);
        threads.add(thread);
        thread.attach();
        return thread;
    }

    void threadGone(Thread thread) {
        threads.remove(thread);
    }

    /**
     * Routine: task_terminate (kernel side). Purpose: end the task.
     *
     * <p>Conditions: nothing locked on entry; takes the task's monitor, then
     * the IPC lock.
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
        ipc.spaceDestroy(space);
        ports.destroy();
        return KERN_SUCCESS;
    }

    @Override
    public String toString() {
        return "task " + name + (active ? "" : " (terminated)");
    }
}
