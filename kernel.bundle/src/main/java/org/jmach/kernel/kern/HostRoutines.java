package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_BASIC_INFO;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_BASIC_INFO_COUNT;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_OFF_LINE;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_BASIC_INFO;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_BASIC_INFO_COUNT;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_SCHED_INFO;
import static org.jmach.mach.ProcessorInfo.PROCESSOR_SET_SCHED_INFO_COUNT;

import java.util.List;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.mig.MachHostServer;
import org.jmach.kernel.mig.MachHostServerDemux;
import org.jmach.mach.MachHostIds;
import org.jmach.mach.MigOut;

/**
 * The kernel's implementation of {@code mach_host.defs} for one request:
 * the host ({@code kern/host.c}), its processors and processor sets
 * ({@code kern/processor.c}), assignments and priorities.
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it); the scheduler lock is taken inside. Conversions take
 * no reference: the request's send right holds the object. A host routine
 * given no host port returns KERN_INVALID_HOST; others given no object of
 * theirs return KERN_INVALID_ARGUMENT.
 */
final class HostRoutines extends KobjectRoutines
        implements MachHostServer<Host, ProcessorSet, Processor, Thread, Task, Task> {

    private final Ipc ipc;
    private final SchedPrim sched;

    private HostRoutines(Ipc ipc, SchedPrim sched, IpcKobjectRequest rq) {
        super(rq);
        this.ipc = ipc;
        this.sched = sched;
    }

    /** The subsystem as the kernel serves it: mach_host.defs on host, processor, set, task and thread ports. */
    static IpcKobjectServer kobjectServer(Ipc ipc, SchedPrim sched) {
        return new IpcKobjectServer(MachHostIds.BASE, MachHostIds.END, MachHostServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> MachHostServerDemux.machHostServer(new HostRoutines(ipc, sched, rq), rq, in, out));
    }

    // ---- Conversions ----

    /** Routine: convert_port_to_host: the host port or the privileged one. */
    @Override
    public Host convertPortToHost(int port) {
        int kotype = rq.kotype(port);
        return (kotype == Ipc.IKOT_HOST || kotype == Ipc.IKOT_HOST_PRIV) && rq.kobject(port) instanceof Host h
                && h.isActive() ? h : null;
    }

    @Override
    public int convertHostToPort(Host host) {
        return host == null ? 0 : rq.makeSend(host.port());
    }

    /** Routine: convert_port_to_pset: the control port of a live set. */
    @Override
    public ProcessorSet convertPortToPset(int port) {
        return rq.kotype(port) == Ipc.IKOT_PSET && rq.kobject(port) instanceof ProcessorSet p && p.active ? p
                : null;
    }

    /** Routine: convert_port_to_pset_name: the name port or the control port of a live set. */
    @Override
    public ProcessorSet convertPortToPsetName(int port) {
        int kotype = rq.kotype(port);
        return (kotype == Ipc.IKOT_PSET || kotype == Ipc.IKOT_PSET_NAME)
                && rq.kobject(port) instanceof ProcessorSet p && p.active ? p : null;
    }

    @Override
    public int convertPsetToPort(ProcessorSet pset) {
        return pset == null ? 0 : rq.makeSend(pset.port());
    }

    @Override
    public int convertPsetNameToPort(ProcessorSet pset) {
        return pset == null ? 0 : rq.makeSend(pset.namePort());
    }

    @Override
    public void psetDeallocate(ProcessorSet pset) {
        // The conversion took no reference.
    }

    @Override
    public Processor convertPortToProcessor(int port) {
        return rq.kotype(port) == Ipc.IKOT_PROCESSOR && rq.kobject(port) instanceof Processor p ? p : null;
    }

    // ---- The host ----

    /** Routine: host_info; see {@link Host#hostInfo}. */
    @Override
    public int hostInfo(Host host, int flavor, int[] hostInfoOut, int[] hostInfoOutCnt) {
        return host == null ? KERN_INVALID_HOST : host.hostInfo(flavor, hostInfoOut, hostInfoOutCnt);
    }

    /** Routine: host_kernel_version; see {@link Host#hostKernelVersion}. */
    @Override
    public int hostKernelVersion(Host host, String[] kernelVersion) {
        return host == null ? KERN_INVALID_HOST : host.hostKernelVersion(kernelVersion);
    }

    /** Routine: host_processors. Returns: KERN_SUCCESS; KERN_INVALID_HOST without host_priv. */
    @Override
    public int hostProcessors(Host hostPriv, int[][] list) {
        if (hostPriv == null) {
            return KERN_INVALID_HOST;
        }
        list[0] = sendRights(List.of(sched.processors()), Processor::port);
        return KERN_SUCCESS;
    }

    /** Routine: processor_set_default. Returns: KERN_SUCCESS with the default set's name port; KERN_INVALID_HOST. */
    @Override
    public int processorSetDefault(Host host, MigOut<ProcessorSet> defaultSet) {
        if (host == null) {
            return KERN_INVALID_HOST;
        }
        defaultSet.value = sched.defaultPset;
        return KERN_SUCCESS;
    }

    /** Routine: processor_set_create. Returns: KERN_SUCCESS with both ports of a new, empty set; KERN_INVALID_HOST. */
    @Override
    public int processorSetCreate(Host host, MigOut<ProcessorSet> newSet, MigOut<ProcessorSet> newName) {
        if (host == null) {
            return KERN_INVALID_HOST;
        }
        ProcessorSet pset = sched.psetCreate();
        Startup.psetPorts(ipc, pset);
        newSet.value = pset;
        newName.value = pset;
        return KERN_SUCCESS;
    }

    /**
     * Routine: processor_set_destroy. Purpose: the set's processors, tasks
     * and threads go back to the default set, and its ports die.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no set;
     * KERN_FAILURE for the default set.
     */
    @Override
    public int processorSetDestroy(ProcessorSet set) {
        if (set == null) {
            return KERN_INVALID_ARGUMENT;
        }
        if (set == sched.defaultPset) {
            return KERN_FAILURE;
        }
        sched.lock.lock();
        try {
            sched.psetDestroy(set);
        } finally {
            sched.lock.unlock();
        }
        ipc.kernelPortDestroy(set.port());
        ipc.kernelPortDestroy(set.namePort());
        return KERN_SUCCESS;
    }

    /**
     * Routine: processor_assign. Purpose: the processor serves the set; a
     * thread of another set that it runs moves at its next check, so
     * {@code wait} asks for nothing more.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no processor or set.
     */
    @Override
    public int processorAssign(Processor processor, ProcessorSet newSet, int wait) {
        if (processor == null || newSet == null) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            sched.processorAssign(processor, newSet);
        } finally {
            sched.lock.unlock();
        }
        return KERN_SUCCESS;
    }

    /** Routine: processor_get_assignment. Returns: KERN_SUCCESS with the set's name port; KERN_INVALID_ARGUMENT. */
    @Override
    public int processorGetAssignment(Processor processor, MigOut<ProcessorSet> assignedSet) {
        if (processor == null) {
            return KERN_INVALID_ARGUMENT;
        }
        assignedSet.value = locked(() -> processor.pset);
        return KERN_SUCCESS;
    }

    // ---- Assignments ----

    /** Routine: thread_assign. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no thread or set. */
    @Override
    public int threadAssign(Thread thread, ProcessorSet newSet) {
        if (thread == null || newSet == null) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            sched.threadAssign(thread, newSet);
        } finally {
            sched.lock.unlock();
        }
        return KERN_SUCCESS;
    }

    /** Routine: thread_assign_default. */
    @Override
    public int threadAssignDefault(Thread thread) {
        return threadAssign(thread, sched.defaultPset);
    }

    /** Routine: thread_get_assignment. Returns: KERN_SUCCESS with the name port; KERN_INVALID_ARGUMENT. */
    @Override
    public int threadGetAssignment(Thread thread, MigOut<ProcessorSet> assignedSet) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        assignedSet.value = locked(() -> thread.pset);
        return KERN_SUCCESS;
    }

    /**
     * Routine: task_assign. Purpose: the task's new threads join the set;
     * with {@code assignThreads} its threads move too.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no task or set.
     */
    @Override
    public int taskAssign(Task task, ProcessorSet newSet, int assignThreads) {
        if (task == null || newSet == null) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            sched.taskAssign(task, newSet, assignThreads != 0);
        } finally {
            sched.lock.unlock();
        }
        return KERN_SUCCESS;
    }

    /** Routine: task_assign_default. */
    @Override
    public int taskAssignDefault(Task task, int assignThreads) {
        return taskAssign(task, sched.defaultPset, assignThreads);
    }

    /** Routine: task_get_assignment. Returns: KERN_SUCCESS with the name port; KERN_INVALID_ARGUMENT. */
    @Override
    public int taskGetAssignment(Task task, MigOut<ProcessorSet> assignedSet) {
        if (task == null) {
            return KERN_INVALID_ARGUMENT;
        }
        assignedSet.value = locked(() -> task.pset);
        return KERN_SUCCESS;
    }

    // ---- Priorities and policies ----

    /** Routine: thread_priority; see {@link Priorities#threadPriority}. */
    @Override
    public int threadPriority(Thread thread, int priority, int setMax) {
        return Priorities.threadPriority(thread, priority, setMax != 0);
    }

    /** Routine: thread_max_priority; see {@link Priorities#threadMaxPriority}. */
    @Override
    public int threadMaxPriority(Thread thread, ProcessorSet processorSet, int maxPriority) {
        return Priorities.threadMaxPriority(thread, processorSet, maxPriority);
    }

    /** Routine: task_priority; see {@link Priorities#taskPriority}. */
    @Override
    public int taskPriority(Task task, int priority, int changeThreads) {
        return Priorities.taskPriority(task, priority, changeThreads != 0);
    }

    /** Routine: processor_set_max_priority; see {@link Priorities#psetMaxPriority}. */
    @Override
    public int processorSetMaxPriority(ProcessorSet processorSet, int maxPriority, int changeThreads) {
        return Priorities.psetMaxPriority(sched, processorSet, maxPriority, changeThreads != 0);
    }

    /** Routine: thread_policy; see {@link Priorities#threadPolicy}. */
    @Override
    public int threadPolicy(Thread thread, int policy, int data) {
        return Priorities.threadPolicy(thread, policy, data);
    }

    /** Routine: processor_set_policy_enable; see {@link Priorities#policyEnable}. */
    @Override
    public int processorSetPolicyEnable(ProcessorSet processorSet, int policy) {
        return Priorities.policyEnable(sched, processorSet, policy);
    }

    /** Routine: processor_set_policy_disable; see {@link Priorities#policyDisable}. */
    @Override
    public int processorSetPolicyDisable(ProcessorSet processorSet, int policy, int changeThreads) {
        return Priorities.policyDisable(sched, processorSet, policy, changeThreads != 0);
    }

    /** Routine: thread_depress_abort. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no thread. */
    @Override
    public int threadDepressAbort(Thread thread) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        sched.lock.lock();
        try {
            sched.depressAbort(thread);
        } finally {
            sched.lock.unlock();
        }
        return KERN_SUCCESS;
    }

    // ---- Listing ----

    /** Routine: processor_set_tasks. Returns: KERN_SUCCESS with send rights to the set's tasks; KERN_INVALID_ARGUMENT. */
    @Override
    public int processorSetTasks(ProcessorSet processorSet, int[][] taskList) {
        if (processorSet == null) {
            return KERN_INVALID_ARGUMENT;
        }
        taskList[0] = sendRights(locked(() -> List.copyOf(processorSet.tasks)), t -> t.ports().kernelPort());
        return KERN_SUCCESS;
    }

    /** Routine: processor_set_threads. Returns: KERN_SUCCESS with send rights to the set's threads; KERN_INVALID_ARGUMENT. */
    @Override
    public int processorSetThreads(ProcessorSet processorSet, int[][] threadList) {
        if (processorSet == null) {
            return KERN_INVALID_ARGUMENT;
        }
        threadList[0] = sendRights(locked(() -> List.copyOf(processorSet.threads)), t -> t.ports().kernelPort());
        return KERN_SUCCESS;
    }

    /** Routine: host_processor_sets. Returns: KERN_SUCCESS with the name ports of the live sets; KERN_INVALID_HOST. */
    @Override
    public int hostProcessorSets(Host host, int[][] processorSets) {
        if (host == null) {
            return KERN_INVALID_HOST;
        }
        processorSets[0] = sendRights(locked(() -> List.copyOf(sched.psets())), ProcessorSet::namePort);
        return KERN_SUCCESS;
    }

    /**
     * Routine: host_processor_set_priv. Purpose: a set's control port from
     * its name port. Returns: KERN_SUCCESS; KERN_INVALID_HOST without
     * host_priv; KERN_INVALID_ARGUMENT for no set.
     */
    @Override
    public int hostProcessorSetPriv(Host hostPriv, ProcessorSet setName, MigOut<ProcessorSet> set) {
        if (hostPriv == null) {
            return KERN_INVALID_HOST;
        }
        if (setName == null) {
            return KERN_INVALID_ARGUMENT;
        }
        set.value = setName;
        return KERN_SUCCESS;
    }

    /**
     * Routine: vm_wire. Purpose: wires or unwires the task's pages of the
     * range ({@link org.jmach.vm.spi.AddressMap#wire}).
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_HOST without host_priv;
     * KERN_INVALID_TASK for no task; KERN_INVALID_ARGUMENT,
     * KERN_INVALID_ADDRESS or KERN_PROTECTION_FAILURE from the map.
     */
    @Override
    public int vmWire(Host hostPriv, Task task, long address, long size, int access) {
        if (hostPriv == null) {
            return KERN_INVALID_HOST;
        }
        if (task == null) {
            return KERN_INVALID_TASK;
        }
        return task.map().wire(address, size, access);
    }

    /**
     * Routine: thread_wire. Purpose: gives the thread vm_privilege (it may
     * take the frames VM keeps for paging, so that a pager never waits for
     * the frames its own work frees), or takes it away. Wiring a thread also
     * keeps resident, from then on, the out-of-line data its task receives
     * (the pages a pager is given to store): paged out, they would go to the
     * pager itself, which would wait for itself.
     *
     * <p>Conditions: the IPC lock held; takes the VM lock (IPC, then VM).
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_HOST without host_priv;
     * KERN_INVALID_ARGUMENT for no thread.
     */
    @Override
    public int threadWire(Host hostPriv, Thread thread, int wired) {
        if (hostPriv == null) {
            return KERN_INVALID_HOST;
        }
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        thread.vmPrivilege = wired != 0;
        if (wired != 0) {
            thread.task().map().keepReceivedResident();
        }
        return KERN_SUCCESS;
    }

    /**
     * Routine: processor_info. Returns: KERN_SUCCESS with processor_basic_info
     * (cpu type and subtype, running, slot, master) and the host port;
     * KERN_INVALID_ARGUMENT for no processor, another flavor or a bad
     * array; KERN_FAILURE for a count too small.
     */
    @Override
    public int processorInfo(Processor processor, int flavor, MigOut<Host> host, int[] info, int[] count) {
        if (processor == null) {
            return KERN_INVALID_ARGUMENT;
        }
        int kr = Info.check(flavor == PROCESSOR_BASIC_INFO ? PROCESSOR_BASIC_INFO_COUNT : -1, info, count);
        if (kr != KERN_SUCCESS) {
            return kr;
        }
        Host h = sched.host();
        info[0] = h.cpuType();
        info[1] = h.cpuSubtype();
        info[2] = locked(() -> processor.state != PROCESSOR_OFF_LINE) ? 1 : 0;
        info[3] = processor.slot;
        info[4] = processor.slot == 0 ? 1 : 0;
        count[0] = PROCESSOR_BASIC_INFO_COUNT;
        host.value = h;
        return KERN_SUCCESS;
    }

    /**
     * Routine: processor_set_info. Returns: KERN_SUCCESS with
     * processor_set_basic_info (processors, tasks, threads, load average,
     * Mach factor) or processor_set_sched_info (policies, ceiling) and the
     * host port; KERN_INVALID_ARGUMENT for no set, an unknown flavor or a
     * bad array; KERN_FAILURE for a count too small.
     */
    @Override
    public int processorSetInfo(ProcessorSet setName, int flavor, MigOut<Host> host, int[] info, int[] count) {
        if (setName == null) {
            return KERN_INVALID_ARGUMENT;
        }
        int needed = switch (flavor) {
            case PROCESSOR_SET_BASIC_INFO -> PROCESSOR_SET_BASIC_INFO_COUNT;
            case PROCESSOR_SET_SCHED_INFO -> PROCESSOR_SET_SCHED_INFO_COUNT;
            default -> -1;
        };
        int kr = Info.check(needed, info, count);
        if (kr != KERN_SUCCESS) {
            return kr;
        }
        sched.lock.lock();
        try {
            if (flavor == PROCESSOR_SET_BASIC_INFO) {
                info[0] = setName.processors.size();
                info[1] = setName.tasks.size();
                info[2] = setName.threads.size();
                info[3] = setName.loadAverage;
                info[4] = setName.machFactor;
            } else {
                info[0] = setName.policies;
                info[1] = setName.maxPriority;
            }
        } finally {
            sched.lock.unlock();
        }
        count[0] = needed;
        host.value = sched.host();
        return KERN_SUCCESS;
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        sched.lock.lock();
        try {
            return read.get();
        } finally {
            sched.lock.unlock();
        }
    }
}
