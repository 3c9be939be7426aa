package org.jmach.kernel.kern;

import java.util.List;
import java.util.function.Function;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.vm.spi.AddressMap;

/**
 * What the kernel's implementations of its subsystems share for one
 * request: the conversions MIG's intran and outtran clauses name
 * ({@code convert_port_to_task} and friends in GNU Mach's
 * {@code kern/ipc_tt.c}), and arrays of ports for a reply.
 *
 * <p>Conditions: the IPC lock held. A conversion takes no reference: the
 * request's send right holds the object until the request ends, so the
 * destructors release nothing.
 */
abstract class KobjectRoutines {

    final IpcKobjectRequest rq;

    KobjectRoutines(IpcKobjectRequest rq) {
        this.rq = rq;
    }

    /** Routine: convert_port_to_task. Returns: the live task the port stands for, or null. */
    public Task convertPortToTask(int port) {
        return rq.kobject(port) instanceof Task t && t.isActive() ? t : null;
    }

    /** Routine: task_deallocate. */
    public void taskDeallocate(Task task) {
        // The conversion took no reference.
    }

    /** Routine: convert_port_to_thread. Returns: the live thread the port stands for, or null. */
    public Thread convertPortToThread(int port) {
        return rq.kobject(port) instanceof Thread t && !t.isTerminated() ? t : null;
    }

    /** Routine: thread_deallocate. */
    public void threadDeallocate(Thread thread) {
        // The conversion took no reference.
    }

    /**
     * Routine: convert_port_to_map (the intran of vm_task_t). Returns: the
     * live task the port stands for, or null. jmach's conversion stops at
     * the task, whose {@link Task#map} the VM routines use ({@link #map});
     * vm_allocate and vm_deallocate use its {@link TaskMemory}, which
     * works on the same map.
     */
    public Task convertPortToMap(int port) {
        return convertPortToTask(port);
    }

    /** Routine: vm_map_deallocate. */
    public void vmMapDeallocate(Task task) {
        // The conversion took no reference.
    }

    /** The address map of a converted task: null (VM_MAP_NULL) for no task. */
    static AddressMap map(Task task) {
        return task == null ? null : task.map();
    }

    /** Routine: convert_port_to_host_priv: the privileged host port only. */
    public Host convertPortToHostPriv(int port) {
        return rq.kotype(port) == Ipc.IKOT_HOST_PRIV && rq.kobject(port) instanceof Host h && h.isActive() ? h
                : null;
    }

    /** Routine: convert_task_to_port. Returns: the handle of a new send right to the task's port. */
    public int convertTaskToPort(Task task) {
        return task == null ? 0 : rq.makeSend(task.ports().kernelPort());
    }

    /** Routine: convert_thread_to_port. */
    public int convertThreadToPort(Thread thread) {
        return thread == null ? 0 : rq.makeSend(thread.ports().kernelPort());
    }

    /** Handles of new send rights to the kernel ports of {@code objects}, for an out port array. */
    <T> int[] sendRights(List<T> objects, Function<T, IpcPort> port) {
        int[] handles = new int[objects.size()];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = rq.makeSend(port.apply(objects.get(i)));
        }
        return handles;
    }
}
