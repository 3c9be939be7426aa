package org.jmach.kernel.ipc;

import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The IPC system of one boot (GNU Mach's {@code ipc/ipc_init.c} and the
 * kernel's IPC space): the IPC lock, the kernel space holding the receive
 * rights of kernel ports, the default queue limit, and the executor on
 * which continuations run when no sender can run them by handoff.
 *
 * <p>Lock order: the IPC lock is the only IPC lock; it guards every space,
 * entry, port, set and queue of the boot. It is never held while a thread
 * parks or while user code (a continuation) runs. A single lock is what a
 * uniprocessor Mach gets from raising the interrupt level; it keeps copyin
 * atomic across two spaces and is cheap on the message path.
 */
public final class Ipc {

    /** Kernel object types (GNU Mach's {@code kern/ipc_kobject.h}). */
    public static final int IKOT_NONE = 0;
    public static final int IKOT_THREAD = 1;
    public static final int IKOT_TASK = 2;
    public static final int IKOT_HOST = 3;
    public static final int IKOT_HOST_PRIV = 4;
    public static final int IKOT_PROCESSOR = 5;
    public static final int IKOT_PSET = 6;
    public static final int IKOT_PSET_NAME = 7;
    /** A memory object the kernel itself manages (GNU Mach's device pager); jmach has none yet. */
    public static final int IKOT_PAGER = 8;
    /** A VM object's control port (memory_object_control_t), given to its manager. */
    public static final int IKOT_PAGING_REQUEST = 9;
    /** An open device (device_t), as device_open gives it. */
    public static final int IKOT_DEVICE = 10;
    /** A VM object's name port (memory_object_name_t), as vm_region gives it. */
    public static final int IKOT_PAGING_NAME = 16;
    /** The master device port, to which device_open is sent. */
    public static final int IKOT_MASTER_DEVICE = 19;

    /** Deepest nesting of continuations run by handoff on one Java thread. */
    private static final int MAX_HANDOFF_DEPTH = 8;

    final ReentrantLock lock = new ReentrantLock();
    final IpcSpace kernelSpace = new IpcSpace("the kernel");
    private final Executor executor;
    private final ThreadLocal<int[]> handoffDepth = ThreadLocal.withInitial(() -> new int[1]);
    /**
     * Continuations woken by the kernel's messages while the calling Java
     * thread collects them ({@link #collectHandoffs}): it runs them itself
     * ({@link #runHandoffs}) instead of waking other host threads.
     */
    private final ThreadLocal<java.util.List<IpcWaiter>> handoffSink = new ThreadLocal<>();
    private volatile int defaultQlimit;
    private long stamp;
    private final List<IpcKobjectServer> kobjectServers = new CopyOnWriteArrayList<>();

    /**
     * @param defaultQlimit the queue limit of new ports
     * @param executor runs continuations that no sender runs (threads it
     *        uses must not be interrupted by others)
     */
    public Ipc(int defaultQlimit, Executor executor) {
        this.defaultQlimit = defaultQlimit;
        this.executor = executor;
        kobjectServers.add(MachPortRoutines.kobjectServer(this));
    }

    /**
     * Adds a subsystem the kernel serves on its ports (the kern package adds
     * the host's, for instance).
     *
     * <p>Conditions: at boot, before tasks run.
     */
    public void addKobjectServer(IpcKobjectServer server) {
        kobjectServers.add(server);
    }

    /** The subsystem that holds message id {@code id}, or null. */
    IpcKobjectServer kobjectServer(int id) {
        for (IpcKobjectServer s : kobjectServers) {
            if (s.holds(id)) {
                return s;
            }
        }
        return null;
    }

    public int defaultQlimit() {
        return defaultQlimit;
    }

    public void setDefaultQlimit(int qlimit) {
        this.defaultQlimit = qlimit;
    }

    long nextStamp() {
        return stamp++;
    }

    /** Runs {@code action} under the IPC lock. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Routine: ipc_space_create. Returns a new, empty, active space. */
    public IpcSpace spaceCreate(String owner) {
        return new IpcSpace(owner);
    }

    /**
     * Routine: ipc_space_destroy. Purpose: a task dies: every right in its
     * space is destroyed, as if by mach_port_destroy (receive rights die or
     * go to their port-destroyed requests; senders elsewhere see dead names).
     *
     * <p>Conditions: nothing locked; takes the IPC lock. Idempotent.
     */
    public void spaceDestroy(IpcSpace space) {
        lock.lock();
        try {
            if (!space.active) {
                return;
            }
            space.active = false;
            space.table.forEach(entry -> {
                if (space.lookup(entry.name) == entry) {
                    IpcRight.destroy(this, space, entry);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Routine: ipc_kobject_set on a new port. Purpose: a kernel port for
     * {@code kobject}: the kernel holds its receive right, and messages to
     * it go to the kernel's server.
     *
     * <p>Conditions: nothing locked; takes the IPC lock.
     */
    public IpcPort kernelPortAlloc(Object kobject, int kotype) {
        lock.lock();
        try {
            IpcPort port = new IpcPort(defaultQlimit);
            int name = kernelSpace.allocateName();
            kernelSpace.enter(name, MACH_PORT_TYPE_RECEIVE, 0, port);
            port.receiver = kernelSpace;
            port.receiverName = name;
            port.kobject = kobject;
            port.kotype = kotype;
            return port;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Routine: ipc_port_dealloc_kernel. Purpose: a kernel object goes away;
     * its port dies and send rights to it become dead names.
     *
     * <p>Conditions: nothing locked; takes the IPC lock.
     */
    public void kernelPortDestroy(IpcPort port) {
        lock.lock();
        try {
            IpcEntry entry = kernelSpace.lookup(port.receiverName);
            if (entry != null && entry.object == port) {
                IpcRight.destroy(this, kernelSpace, entry);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Routine: ipc_port_make_send then ipc_object_copyout. Purpose: give
     * {@code space} a send right to a kernel port (task_self and friends).
     *
     * <p>Conditions: nothing locked; takes the IPC lock. Returns the name,
     * or MACH_PORT_DEAD if the port or space is dead.
     */
    public int makeSendCopyout(IpcPort port, IpcSpace space) {
        lock.lock();
        try {
            if (port.active) {
                port.mscount++;
                port.srights++;
            }
            return port.active ? IpcRight.copyout(this, space, port, MACH_MSG_TYPE_PORT_SEND)
                    : org.jmach.mach.Port.MACH_PORT_DEAD;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Routine: ipc_port_alloc (mach_reply_port). Purpose: a new port whose
     * receive right {@code space} holds.
     *
     * <p>Conditions: nothing locked; takes the IPC lock. Returns the name,
     * or MACH_PORT_NULL if the space is dead.
     */
    public int portAllocReceive(IpcSpace space) {
        lock.lock();
        try {
            if (!space.active) {
                return org.jmach.mach.Port.MACH_PORT_NULL;
            }
            IpcPort port = new IpcPort(defaultQlimit);
            int name = space.allocateName();
            space.enter(name, MACH_PORT_TYPE_RECEIVE, 0, port);
            port.receiver = space;
            port.receiverName = name;
            return name;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A wakeup port: a new port whose receive right {@code space} holds
     * (under {@link #receiveName}), for the kernel to wake a thread of the
     * space that waits in a receive on it ({@link #kernelWakeup}), as an
     * interpreted thread's fault that waits for VM does.
     *
     * <p>Conditions: nothing locked; takes the IPC lock. Returns the port,
     * or null if the space is dead.
     */
    public IpcPort wakeupPortAlloc(IpcSpace space) {
        lock.lock();
        try {
            int name = portAllocReceive(space);
            if (name == org.jmach.mach.Port.MACH_PORT_NULL) {
                return null;
            }
            return (IpcPort) space.lookup(name).object;
        } finally {
            lock.unlock();
        }
    }

    /** The name of {@code port}'s receive right in its receiver's space. */
    public int receiveName(IpcPort port) {
        return port.receiverName;
    }

    /**
     * Sends an empty message with {@code id} from the kernel to
     * {@code port} (a receiver waiting with a continuation is resumed on the
     * executor, or by the calling thread if it collects handoffs). A dead
     * port takes nothing. Conditions: nothing locked but possibly the IPC
     * lock (held or not: it is taken here); does not block.
     */
    public void kernelWakeup(IpcPort port, int id) {
        lock.lock();
        try {
            if (!port.active) {
                return;
            }
            port.mscount++; // ipc_port_make_send: the message owns the right
            port.srights++;
            IpcKernelSender k = new IpcKernelSender(this);
            org.jmach.mach.MigWriter w = k.request(org.jmach.mach.Message.MACH_MSG_HEADER_SIZE, k.give(port),
                    org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND, 0, 0, id);
            k.send(w, 0, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Destroys the receive right of a {@link #wakeupPortAlloc wakeup port}
     * (its thread ended), if {@code space} still holds it under its name.
     * Conditions: nothing locked; takes the IPC lock.
     */
    public void wakeupPortDestroy(IpcSpace space, IpcPort port) {
        lock.lock();
        try {
            IpcEntry entry = space.active ? space.lookup(port.receiverName) : null;
            if (entry != null && entry.object == port && port.receiver == space) {
                IpcRight.destroy(this, space, entry);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The names of a space as a debugging view: each name, its type, user
     * references, and for a receive right its queue's state.
     *
     * <p>Conditions: nothing locked; takes the IPC lock.
     */
    public java.util.List<org.jmach.mach.MachDebug.PortName> portNames(IpcSpace space) {
        lock.lock();
        try {
            java.util.List<org.jmach.mach.MachDebug.PortName> out = new java.util.ArrayList<>();
            for (IpcEntry e : MachPortRoutines.entries(space)) {
                boolean receive = e.has(MACH_PORT_TYPE_RECEIVE);
                IpcPort p = receive ? e.port() : null;
                out.add(new org.jmach.mach.MachDebug.PortName(e.name, e.reportedType(),
                        e.has(MACH_PORT_TYPE_RECEIVE | org.jmach.mach.Port.MACH_PORT_TYPE_PORT_SET) && e.urefs == 0
                                ? 1 : e.urefs,
                        receive ? p.msgcount() : -1, receive ? p.qlimit : -1, receive ? p.seqno : -1));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases a send right the kernel holds (a special port it kept).
     * Conditions: the IPC lock held.
     */
    public void releaseSendLocked(IpcPort port) {
        IpcRight.releaseSend(this, port);
    }

    /**
     * The kernel object behind {@code name}, a send right of {@code space}
     * to a live kernel port, or null (thread_switch's hint, for one).
     *
     * <p>Conditions: nothing locked; takes the IPC lock.
     */
    public Object kobjectForName(IpcSpace space, int name) {
        lock.lock();
        try {
            IpcEntry e = space.active ? space.lookup(name) : null;
            if (e == null || !e.has(org.jmach.mach.Port.MACH_PORT_TYPE_SEND) || !(e.object instanceof IpcPort p)
                    || !p.active) {
                return null;
            }
            return p.kobject;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a woken continuation to the executor, or, if its thread is
     * suspended, to the resumption that lets it run (no Java thread waits
     * for that meanwhile). Conditions: any but the scheduler lock.
     */
    void resumeLater(IpcWaiter w) {
        Runnable run = () -> {
            w.thread.blockEnd();
            try {
                MachMsg.resume(this, w);
            } finally {
                w.thread.blockBegin();
            }
        };
        if (!w.thread.deferWhileStopped(run)) {
            executor.execute(run);
        }
    }

    /**
     * A continuation woken by a kernel message: to the calling thread's
     * collection if it collects them, else to the executor.
     * Conditions: any.
     */
    void resumeSoon(IpcWaiter w) {
        java.util.List<IpcWaiter> sink = handoffSink.get();
        if (sink != null) {
            sink.add(w);
        } else {
            resumeLater(w);
        }
    }

    /**
     * From now on, continuations the kernel's messages wake (a memory
     * manager's data_request, ...) are kept for the calling thread, which is
     * about to wait for their answer: {@link #runHandoffs} runs them.
     * Conditions: nothing locked.
     */
    public void collectHandoffs() {
        if (handoffSink.get() == null) {
            handoffSink.set(new java.util.ArrayList<>(1));
        }
    }

    /**
     * Stops collecting, and runs what was collected on the calling Java
     * thread, lending {@code self}'s processor (handoff: the manager runs
     * at once, and no host thread is woken for it).
     * Conditions: nothing locked; {@code self} holds a processor.
     */
    public void runHandoffs(IpcThread self) {
        java.util.List<IpcWaiter> sink = handoffSink.get();
        handoffSink.remove();
        if (sink != null) {
            for (IpcWaiter w : sink) {
                resumeHere(self, w);
            }
        }
    }

    /**
     * Runs a woken continuation on the calling Java thread (handoff), unless
     * handoffs are already nested deep on it. Conditions: nothing locked.
     */
    void resumeHere(IpcThread self, IpcWaiter w) {
        int[] depth = handoffDepth.get();
        if (depth[0] >= MAX_HANDOFF_DEPTH || !self.handoffBegin(w.thread)) {
            resumeLater(w);
            return;
        }
        depth[0]++;
        try {
            MachMsg.resume(this, w);
        } finally {
            depth[0]--;
            self.handoffEnd(w.thread);
        }
    }
}
