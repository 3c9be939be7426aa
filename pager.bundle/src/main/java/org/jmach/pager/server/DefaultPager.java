package org.jmach.pager.server;

import static org.jmach.mach.KernReturn.KERN_NAME_EXISTS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jmach.cthreads.CThread;
import org.jmach.cthreads.CThreads;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.MachHostUser;
import org.jmach.pager.area.CheckReport;
import org.jmach.pager.area.DeviceIoException;
import org.jmach.pager.area.PageCodec;
import org.jmach.pager.area.PagingArea;

/**
 * One implementation's tenure as jmach's default memory manager.
 *
 * <p>The pager is a Mach task, registered by the name {@value PagerNames#TASK},
 * that outlives the bundles serving it (DESIGN.md, "Hot swap"): its IPC space
 * holds the default manager port and one receive right per memory object, all
 * in one port set, and its paging area lies on the simulated disk. An
 * implementation {@link #start}s by finding the task (or creating it, the
 * first time after boot), taking the baton ({@link PagerNames#BATON}), opening
 * the disk through Mach's device interface, reading and checking the area's
 * map, and forking its serving cthreads. It {@link #stop}s by asking them to
 * end after the request each is serving, writing the map back, closing the
 * device and handing the baton on. Meanwhile the kernel's messages wait in
 * the ports' queues, so faults stall and then complete: nothing is lost.
 *
 * <p>Everything lasting is in the task (ports under {@link PagerNames}) or on
 * the disk; this object holds only what one tenure needs.
 */
public final class DefaultPager {

    /** How long a waiting implementation sleeps in mach_msg between looks at whether it was stopped. */
    private static final int BATON_POLL_MS = 50;

    final MachNativeTasks tasks;
    final String implementation;
    final PageCodec codec;
    final int threadCount;
    final PagerLog log;
    final PagerCounters counters = new PagerCounters();
    /** This tenure's objects, made with its C threads library. */
    volatile PagerObjects objects;
    private final CompletableFuture<Void> serving = new CompletableFuture<>();
    private final CompletableFuture<Void> detached = new CompletableFuture<>();
    private final int taskId;
    private volatile boolean stopping;
    /** Set while serving; read by the workers. */
    volatile PagingArea area;
    volatile DeviceBlockIo io;
    /** This tenure's port for the stop request (main cthread) and for the workers' quit messages (in the set). */
    private volatile int controlPort;
    volatile int quitPort;
    volatile int hostPriv;
    /** mach_task_self of the main cthread, asked once (each call adds a user reference). */
    private volatile int taskSelf;
    private volatile String report = "";

    private DefaultPager(MachNativeTasks tasks, String implementation, PageCodec codec, int threads,
            PagerLog log) {
        this.tasks = tasks;
        this.implementation = implementation;
        this.codec = codec;
        this.threadCount = threads;
        this.log = log;
        int id = tasks.taskLookup(PagerNames.TASK);
        this.taskId = id != 0 ? id : tasks.taskCreate(PagerNames.TASK);
    }

    /**
     * Starts serving as the default pager: returns at once; the pager serves
     * once the baton is free (when a previous implementation has detached).
     *
     * @param implementation what default_pager_statistics and mach:pager say serves
     * @param codec how this implementation stores the pages it writes
     * @param threads the number of serving threads
     */
    public static DefaultPager start(MachNativeTasks tasks, String implementation, PageCodec codec, int threads,
            PagerLog log) {
        DefaultPager p = new DefaultPager(tasks, implementation, codec, threads, log);
        int hostPriv = tasks.hostPriv(p.taskId);
        int master = tasks.deviceMaster(p.taskId);
        int kr = tasks.threadCreate(p.taskId, "pager main", t -> p.main(t, hostPriv, master));
        if (kr != KERN_SUCCESS) {
            p.fail(new IllegalStateException("default pager: thread_create " + KernReturn.name(kr)));
        }
        return p;
    }

    /** The id of the pager's task, as mach:tasks shows it. */
    public int taskId() {
        return taskId;
    }

    /** What the paging area's check said when this implementation attached. */
    public String report() {
        return report;
    }

    /** Waits until this implementation serves; false if it did not within {@code wait}. */
    public boolean awaitServing(Duration wait) throws InterruptedException {
        try {
            serving.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("default pager failed to attach", e.getCause());
        }
    }

    /**
     * Detaches: the serving threads end after their current request, the
     * map is written back (marked clean), the device closed and the baton
     * handed on. Waits at most {@code wait}.
     *
     * @return true once detached; false if it did not finish in time
     */
    public boolean stop(Duration wait) throws InterruptedException {
        stopping = true;
        int control = controlPort;
        if (control != MACH_PORT_NULL && !detached.isDone()) {
            tasks.threadCreate(taskId, "pager stop", t -> sendEmpty(t, control, PagerNames.QUIT_ID));
        }
        try {
            detached.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** The main cthread: attach, serve until asked to stop, detach. */
    private void main(MachTraps t, int hostPriv, int master) {
        CThreads cthreads;
        try {
            cthreads = CThreads.init(t);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        this.hostPriv = hostPriv;
        objects = new PagerObjects(cthreads);
        MachPortUser ports = t.machPort();
        int self = t.machTaskSelf();
        taskSelf = self;
        try {
            check("thread_wire", new MachHostUser(t.mig()).threadWire(hostPriv, t.machThreadSelf(), 1));
            setUpTask(t);
            int[] n = new int[1];
            check("mach_port_allocate", ports.machPortAllocate(self, MACH_PORT_RIGHT_RECEIVE, n));
            controlPort = n[0];
            if (!takeBaton(t)) {
                ports.machPortDestroy(self, controlPort);
                detached.complete(null);
                cthreads.exit();
                return;
            }
        } catch (RuntimeException e) {
            fail(e);
            cthreads.exit();
            return;
        }
        try {
            attach(t, master);
        } catch (RuntimeException e) {
            // Hand the baton on, so that another implementation may try.
            if (io != null) {
                io.close(t);
            }
            ports.machPortDestroy(self, controlPort);
            sendEmpty(t, PagerNames.BATON, PagerNames.BATON_ID);
            fail(e);
            cthreads.exit();
            return;
        }
        List<CThread<Void>> workers = new ArrayList<>();
        for (int i = 0; i < threadCount; i++) {
            workers.add(cthreads.cthreadFork((traps, arg) -> {
                new PagerWorker(this, traps).serve();
                return null;
            }, i));
        }
        serving.complete(null);
        log.routine("default pager: " + implementation + " serves task " + taskId + " with " + threadCount
                + " threads");
        waitForStop(t);
        for (int i = 0; i < workers.size(); i++) {
            sendEmpty(t, quitPort, PagerNames.QUIT_ID);
        }
        for (CThread<Void> w : workers) {
            cthreads.cthreadJoin(w);
        }
        detach(t);
        cthreads.exit();
        detached.complete(null);
    }

    /** Makes the lasting names, and puts the baton in its port, if this is the task's first implementation. */
    private void setUpTask(MachTraps t) {
        MachPortUser ports = t.machPort();
        int self = taskSelf;
        int kr = ports.machPortAllocateName(self, MACH_PORT_RIGHT_RECEIVE, PagerNames.BATON);
        if (kr == KERN_NAME_EXISTS) {
            return;
        }
        check("mach_port_allocate_name(baton)", kr);
        check("mach_port_allocate_name(set)",
                ports.machPortAllocateName(self, MACH_PORT_RIGHT_PORT_SET, PagerNames.PORT_SET));
        check("mach_port_allocate_name(default)",
                ports.machPortAllocateName(self, MACH_PORT_RIGHT_RECEIVE, PagerNames.DEFAULT_PORT));
        check("mach_port_move_member(default)",
                ports.machPortMoveMember(self, PagerNames.DEFAULT_PORT, PagerNames.PORT_SET));
        sendEmpty(t, PagerNames.BATON, PagerNames.BATON_ID);
    }

    /** Receives the baton, looking between waits whether this implementation was stopped meanwhile. */
    private boolean takeBaton(MachTraps t) {
        MachMessage m = new MachMessage(256);
        while (!stopping) {
            int mr = t.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 256, PagerNames.BATON, BATON_POLL_MS, 0);
            if (mr == MACH_MSG_SUCCESS) {
                return true;
            }
            if (mr != MACH_RCV_TIMED_OUT && mr != MachMsgReturn.MACH_RCV_INTERRUPTED) {
                throw new IllegalStateException("default pager: waiting for the baton: " + MachMsgReturn.name(mr));
            }
        }
        return false;
    }

    /**
     * Opens the disk, reads and checks the area, then either registers the
     * pager with the kernel or reconciles the objects: if the kernel's
     * default manager is already this task's port, an earlier
     * implementation served it and its objects live on; if not, the kernel
     * is new since the area was last used, and what the area holds belongs
     * to tasks of an earlier boot.
     */
    private void attach(MachTraps t, int master) {
        DeviceBlockIo dev = DeviceBlockIo.open(t, master, counters);
        dev.bind(t);
        io = dev;
        PagingArea.Opened opened;
        try {
            opened = PagingArea.open(dev, 0, dev.records());
        } catch (DeviceIoException e) {
            throw new IllegalStateException("default pager: reading the paging area: " + e.getMessage(), e);
        }
        PagingArea a = opened.area();
        report = opened.report().toString();
        CheckReport check = opened.report();
        if (check.formatted() || (check.consistent() && check.previousClean())) {
            log.routine("default pager: paging area on hd0: " + report);
        } else {
            log.warning("default pager: paging area on hd0: " + report);
        }
        MachPortUser ports = t.machPort();
        int self = taskSelf;
        MachUser mach = new MachUser(t.mig());
        int[] current = {MACH_PORT_NULL};
        check("vm_set_default_memory_manager", mach.vmSetDefaultMemoryManager(hostPriv, current));
        // A send right to our own port comes back under the port's name (rights to one port share a name).
        boolean registered = current[0] == PagerNames.DEFAULT_PORT;
        release(ports, self, current[0]);
        if (registered) {
            objects.reconcile(t, taskSelf, a);
        } else {
            for (int stale : a.objects()) {
                a.removeObject(stale);
            }
            int[] manager = {PagerNames.DEFAULT_PORT};
            check("vm_set_default_memory_manager", mach.vmSetDefaultMemoryManager(hostPriv, manager));
            release(ports, self, manager[0]);
        }
        a.markInUse();
        area = a;
        int[] n = new int[1];
        check("mach_port_allocate", ports.machPortAllocate(self, MACH_PORT_RIGHT_RECEIVE, n));
        quitPort = n[0];
        check("mach_port_move_member(quit)", ports.machPortMoveMember(self, quitPort, PagerNames.PORT_SET));
    }

    /** Blocks the main cthread in mach_msg on the control port until a stop request comes. */
    private void waitForStop(MachTraps t) {
        MachMessage m = new MachMessage(256);
        while (true) {
            int mr = t.machMsg(m, MACH_RCV_MSG, 0, 256, controlPort, 0, 0);
            if (mr == MACH_MSG_SUCCESS && m.msghId() == PagerNames.QUIT_ID) {
                return;
            }
            if (mr != MACH_MSG_SUCCESS && mr != MachMsgReturn.MACH_RCV_INTERRUPTED) {
                return;
            }
        }
    }

    /** The workers have ended: write the map back clean, close the disk, give back this tenure's ports. */
    private void detach(MachTraps t) {
        MachPortUser ports = t.machPort();
        int self = taskSelf;
        io.bind(t);
        int kr = area.sync(true);
        if (kr != 0) {
            log.warning("default pager: writing the map back failed: device error " + kr);
        }
        io.close(t);
        ports.machPortDestroy(self, quitPort);
        ports.machPortDestroy(self, controlPort);
        ports.machPortDeallocate(self, hostPriv);
        sendEmpty(t, PagerNames.BATON, PagerNames.BATON_ID);
        release(ports, self, self); // the reference mach_task_self gave the main cthread
        log.routine("default pager: " + implementation + " detached; " + area.pagesStored()
                + " pages in the paging area");
    }

    private void fail(Throwable e) {
        log.warning("default pager: " + implementation + " could not serve: " + e.getMessage());
        serving.completeExceptionally(e);
        detached.complete(null);
    }

    /** Sends an empty message with {@code id} to {@code port}, a receive right of the pager's task. */
    static void sendEmpty(MachTraps t, int port, int id) {
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), port, MACH_PORT_NULL, id);
        m.endBody();
        t.machMsg(m, MACH_SEND_MSG, m.msghSize(), 0, MACH_PORT_NULL, 0, 0);
    }

    /** Gives back one user reference to {@code name} in task {@code self}; nothing for MACH_PORT_NULL. */
    static void release(MachPortUser ports, int self, int name) {
        if (name != MACH_PORT_NULL) {
            ports.machPortDeallocate(self, name);
        }
    }

    static void check(String call, int kr) {
        if (kr != KERN_SUCCESS) {
            throw new IllegalStateException("default pager: " + call + ": " + KernReturn.name(kr));
        }
    }
}
