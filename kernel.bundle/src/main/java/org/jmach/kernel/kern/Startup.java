package org.jmach.kernel.kern;

import static org.jmach.mach.Policy.BASEPRI_SYSTEM;
import static org.jmach.mach.Policy.BASEPRI_USER;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jmach.hw.Disk;
import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;
import org.jmach.kernel.device.DeviceRoutines;
import org.jmach.kernel.device.MasterDevice;
import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.KernelPagerChannel;
import org.jmach.mach.CpuType;
import org.jmach.mach.Port;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.VirtualMemory;
import org.jmach.vm.spi.VmSystem;

/**
 * Booting and halting the kernel (GNU Mach's {@code kern/startup.c}): build
 * the host from the machine, the processors and IPC, create the kernel
 * task; at shutdown, end them in the reverse order. One Startup is one boot:
 * a new machine configuration means a new Startup, never a reused one.
 */
public final class Startup {

    /** Name of the kernel task. */
    public static final String KERNEL_TASK_NAME = "kernel";

    private final Host host;
    private final SchedPrim sched;
    private final Ipc ipc;
    private final ExecutorService stacks;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final AtomicInteger taskIds = new AtomicInteger();
    private final Task kernelTask;
    private final SchedClock clock;
    /** The virtual memory system of this boot. */
    private final VmSystem vm;
    /** The master device: device_open, and the devices open. */
    private final MasterDevice masterDevice;

    private Startup(Host host, int processors, int hz, int qlimit, VirtualMemory vmService, PhysicalMemory memory,
            Supplier<Disk> disks) {
        this.host = host;
        this.sched = new SchedPrim(processors, hz);
        AtomicInteger n = new AtomicInteger();
        this.stacks = Executors.newCachedThreadPool(r -> {
            java.lang.Thread t = new java.lang.Thread(r, "mach stack " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ipc = new Ipc(qlimit, stacks);
        KernelPagerChannel pagers = new KernelPagerChannel(ipc);
        this.vm = vmService.boot(memory, pagers);
        pagers.attach(vm);
        sched.setExecutor(stacks);
        host.setPort(ipc.kernelPortAlloc(host, Ipc.IKOT_HOST));
        host.attach(ipc.kernelPortAlloc(host, Ipc.IKOT_HOST_PRIV), sched);
        sched.setHost(host);
        for (Processor p : sched.processors()) {
            p.setPort(ipc.kernelPortAlloc(p, Ipc.IKOT_PROCESSOR));
        }
        psetPorts(ipc, sched.defaultPset);
        ipc.addKobjectServer(HostRoutines.kobjectServer(ipc, sched));
        ipc.addKobjectServer(MachRoutines.kobjectServer(this));
        ipc.addKobjectServer(GnumachRoutines.kobjectServer());
        this.masterDevice = new MasterDevice(ipc, disks);
        ipc.addKobjectServer(DeviceRoutines.kobjectServer(masterDevice));
        this.kernelTask = taskCreate(KERNEL_TASK_NAME, null);
        kernelTask.vmPrivileged = true;
        sched.lock.lock();
        try {
            kernelTask.priority = BASEPRI_SYSTEM;
        } finally {
            sched.lock.unlock();
        }
        this.clock = new SchedClock(sched, hz);
        pageoutDaemonStart();
    }

    /** The pageout daemon: a kernel thread that keeps free frames above VM's target. */
    private void pageoutDaemonStart() {
        java.util.concurrent.atomic.AtomicReference<Thread> self = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch made = new java.util.concurrent.CountDownLatch(1);
        self.set(kernelTask.threadCreate("vm_pageout", traps -> {
            try {
                made.await();
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
                return;
            }
            vm.pageoutDaemon(self.get().vmThread());
        }));
        made.countDown();
        // Boot is over when the daemon sleeps: until then it would hold a processor the first tasks expect free.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (self.get().state != SchedPrim.WAITING && System.nanoTime() < deadline) {
            java.lang.Thread.onSpinWait();
        }
    }

    /** Gives a processor set its control and name ports. */
    static void psetPorts(Ipc ipc, ProcessorSet pset) {
        pset.setPorts(ipc.kernelPortAlloc(pset, Ipc.IKOT_PSET), ipc.kernelPortAlloc(pset, Ipc.IKOT_PSET_NAME));
    }

    /**
     * Routine: setup_main. Purpose: boot the kernel on a machine.
     *
     * <p>Conditions: called once per boot, before any other kernel routine;
     * nothing locked. Returns the booted kernel; it never fails for a machine
     * the hw bundle accepted.
     */
    public static Startup setupMain(Machine machine, VirtualMemory vm, String kernelVersion) {
        return setupMain(machine, vm, kernelVersion, Port.MACH_PORT_QLIMIT_DEFAULT);
    }

    /** setup_main with a default queue limit for new ports other than MACH_PORT_QLIMIT_DEFAULT. */
    public static Startup setupMain(Machine machine, VirtualMemory vm, String kernelVersion, int defaultQlimit) {
        return setupMain(machine, vm, kernelVersion, defaultQlimit, () -> null);
    }

    /**
     * setup_main with the machine's disk: {@code disks} gives the disk now
     * (null for none); the master device asks it at each device_open, so a
     * disk may come and go while the kernel runs.
     */
    public static Startup setupMain(Machine machine, VirtualMemory vm, String kernelVersion, int defaultQlimit,
            Supplier<Disk> disks) {
        Host host = new Host(machine.processorCount(), machine.processorCount(),
                machine.memorySize(), CpuType.CPU_TYPE_RISCV64, CpuType.CPU_SUBTYPE_RISCV64_RV64GC,
                machine.clockHz(), kernelVersion);
        return new Startup(host, machine.processorCount(), machine.clockHz(), defaultQlimit, vm,
                machine.physicalMemory(), disks);
    }

    /** The host of this boot. */
    public Host host() {
        return host;
    }

    /** The kernel task of this boot. */
    public Task kernelTask() {
        return kernelTask;
    }

    /** The IPC system of this boot. */
    public Ipc ipc() {
        return ipc;
    }

    public SchedPrim sched() {
        return sched;
    }

    /** The virtual memory system of this boot, or null if VM is not booted. */
    public VmSystem vm() {
        return vm;
    }


    /**
     * Routine: task_create (kernel side, without a parent). Purpose: a new
     * active task with an empty space and memory, in the default processor
     * set at BASEPRI_USER.
     */
    public Task taskCreate(String name) {
        return taskCreate(name, null);
    }

    /**
     * Routine: task_create (kernel side). Purpose: a new active task with an
     * empty space and memory; it joins its parent's processor set (the
     * default one if that set is gone, or without a parent) with its
     * parent's priority and ceiling, or BASEPRI_USER held to the set's
     * ceiling.
     *
     * <p>Conditions: nothing locked but possibly the IPC lock.
     */
    public Task taskCreate(String name, Task parent) {
        return taskCreate(name, parent, false);
    }

    /**
     * task_create with inherit_memory: the child's map is built from the
     * parent's by inheritance (share, copy-on-write copy, none), or empty.
     */
    public Task taskCreate(String name, Task parent, boolean inheritMemory) {
        AddressMap map = inheritMemory && parent != null ? parent.map().fork() : vm.mapCreate();
        Task task = new Task(taskIds.incrementAndGet(), name, ipc, sched, host, new TaskMemory(map, vm));
        sched.lock.lock();
        try {
            ProcessorSet pset = parent != null && parent.pset.active ? parent.pset : sched.defaultPset;
            task.pset = pset;
            pset.tasks.add(task);
            if (parent != null) {
                task.priority = parent.priority;
                task.maxPriority = parent.maxPriority;
            } else {
                task.priority = BASEPRI_USER;
                task.maxPriority = pset.maxPriority;
                if (task.maxPriority > task.priority) {
                    task.priority = task.maxPriority;
                }
            }
        } finally {
            sched.lock.unlock();
        }
        tasks.add(task);
        return task;
    }

    /**
     * Gives task {@code task} a send right to the privileged host port, as
     * Mach gives it to the bootstrap task. Returns its name in the task's
     * space, or MACH_PORT_DEAD if the task is dead.
     */
    public int hostPrivGive(Task task) {
        return ipc.makeSendCopyout(host.privPort(), task.space());
    }

    /**
     * Gives task {@code task} a send right to the master device port, as
     * GNU Mach gives it to its bootstrap task. Returns its name in the
     * task's space, or MACH_PORT_DEAD if the task is dead.
     */
    public int deviceMasterGive(Task task) {
        return ipc.makeSendCopyout(masterDevice.port(), task.space());
    }

    /**
     * The oldest active task other than the kernel's named {@code name}
     * (at task creation or by task_set_name), or null: how a server
     * re-attaches to its task after its bundle is replaced.
     */
    public Task taskLookup(String name) {
        for (Task t : tasks) {
            if (t != kernelTask && t.isActive() && name != null && name.equals(t.name())) {
                return t;
            }
        }
        return null;
    }

    /** The tasks that are still active, by id. */
    public List<Task> tasks() {
        tasks.removeIf(t -> !t.isActive());
        return List.copyOf(tasks);
    }

    /** The active task with this id, or null. */
    public Task task(int id) {
        for (Task t : tasks) {
            if (t.id() == id && t.isActive()) {
                return t;
            }
        }
        return null;
    }

    /**
     * Routine: shutdown. Purpose: halt this boot: terminate every task, the
     * kernel task last, then make the host inactive, so that every later
     * host routine returns KERN_INVALID_HOST.
     *
     * <p>Conditions: nothing locked. Idempotent.
     */
    public void shutdown() {
        vm.shutdown(); // first: the pageout daemon and waiting faults end
        for (Task t : tasks) {
            if (t != kernelTask) {
                t.terminate();
            }
        }
        kernelTask.terminate();
        tasks.clear();
        clock.stop();
        host.deactivate();
        masterDevice.shutdown();
        ipc.kernelPortDestroy(host.port());
        ipc.kernelPortDestroy(host.privPort());
        stacks.shutdown();
    }
}
