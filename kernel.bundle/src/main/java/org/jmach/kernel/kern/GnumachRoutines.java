package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.mig.GnumachServer;
import org.jmach.kernel.mig.GnumachServerDemux;
import org.jmach.kernel.vm.VmUserRoutines;
import org.jmach.mach.GnumachIds;

/**
 * The kernel's implementation of {@code gnumach.defs} for one request:
 * names of tasks and threads, the tasks' size limits
 * ({@link VmUserRoutines}) and task_max_priority.
 *
 * <p>Conditions, for every routine: the IPC lock held; conversions take no
 * reference.
 */
final class GnumachRoutines extends KobjectRoutines implements GnumachServer<Task, Thread, Task> {

    private GnumachRoutines(IpcKobjectRequest rq) {
        super(rq);
    }

    /** The subsystem as the kernel serves it: gnumach.defs on task and thread ports. */
    static IpcKobjectServer kobjectServer() {
        return new IpcKobjectServer(GnumachIds.BASE, GnumachIds.END, GnumachServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> GnumachServerDemux.gnumachServer(new GnumachRoutines(rq), rq, in, out));
    }

    /** Routine: task_set_name. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no task. */
    @Override
    public int taskSetName(Task task, String name) {
        if (task == null) {
            return KERN_INVALID_ARGUMENT;
        }
        task.setName(name);
        return KERN_SUCCESS;
    }

    /** Routine: thread_set_name. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no thread. */
    @Override
    public int threadSetName(Thread thread, String name) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        thread.setName(name);
        return KERN_SUCCESS;
    }

    /** Routine: thread_get_name: its name, or its task's if it has none. */
    @Override
    public int threadGetName(Thread thread, String[] name) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        String n = thread.name();
        name[0] = n == null || n.isEmpty() ? thread.task().name() : n;
        return KERN_SUCCESS;
    }

    /**
     * Routine: vm_set_size_limit, sent to a host port; see
     * {@link VmUserRoutines#vmSetSizeLimit}.
     */
    @Override
    public int vmSetSizeLimit(int hostPort, Task task, long currentLimit, long maxLimit) {
        return VmUserRoutines.vmSetSizeLimit(rq.kotype(hostPort), map(task), currentLimit, maxLimit);
    }

    /** Routine: vm_get_size_limit; see {@link VmUserRoutines#vmGetSizeLimit}. */
    @Override
    public int vmGetSizeLimit(Task task, long[] currentLimit, long[] maxLimit) {
        return VmUserRoutines.vmGetSizeLimit(map(task), currentLimit, maxLimit);
    }

    /** Routine: task_max_priority; see {@link Priorities#taskMaxPriority}. */
    @Override
    public int taskMaxPriority(int host, Task task, int maxPriority, int setPriority, int changeThreads) {
        int kotype = rq.kotype(host);
        boolean hostPort = kotype == Ipc.IKOT_HOST || kotype == Ipc.IKOT_HOST_PRIV;
        return Priorities.taskMaxPriority(hostPort, kotype == Ipc.IKOT_HOST_PRIV, task, maxPriority,
                setPriority != 0, changeThreads != 0);
    }
}
