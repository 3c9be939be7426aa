package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.hw.Machine;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.mig.MachServer;
import org.jmach.kernel.mig.MachServerDemux;
import org.jmach.mach.MachIds;

/**
 * The kernel's implementation of {@code mach.defs} for one request sent to
 * a task port: so far vm_allocate and vm_deallocate (GNU Mach's
 * {@code vm/vm_user.c}), on the task's memory, which stands for its address
 * map until the VM issue brings real ones.
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it); the task's memory locks itself. Every routine returns
 * KERN_INVALID_TASK when the port is not a live task's.
 */
final class MachRoutines implements MachServer<TaskMemory> {

    private final IpcKobjectRequest rq;

    private MachRoutines(IpcKobjectRequest rq) {
        this.rq = rq;
    }

    /** The subsystem as the kernel serves it: mach.defs on task ports. */
    static IpcKobjectServer kobjectServer() {
        return new IpcKobjectServer(MachIds.BASE, MachIds.END, MachServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> MachServerDemux.machServer(new MachRoutines(rq), rq, in, out));
    }

    /** Routine: convert_port_to_map. Returns: the memory of the live task whose port it is, or null. */
    @Override
    public TaskMemory convertPortToMap(int port) {
        return rq.kobject(port) instanceof Task t && t.isActive() ? t.memory() : null;
    }

    /**
     * Routine: vm_map_deallocate. The conversion takes no reference (the
     * request's send right holds the task until the request ends), so there
     * is nothing to release.
     */
    @Override
    public void vmMapDeallocate(TaskMemory map) {
        // No reference was taken.
    }

    /**
     * Routine: vm_allocate. Purpose: zero-filled memory, page-aligned:
     * anywhere (the address chosen comes back) or at {@code address[0]}.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for a size that is not
     * positive or a fixed address that is not page-aligned; KERN_NO_SPACE if
     * the range cannot be had.
     */
    @Override
    public int vmAllocate(TaskMemory map, long[] address, long size, int anywhere) {
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        if (size <= 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (anywhere != 0) {
            long a = map.allocate(size);
            if (a < 0) {
                return KERN_NO_SPACE;
            }
            address[0] = a;
            return KERN_SUCCESS;
        }
        if ((address[0] & (Machine.PAGE_SIZE - 1)) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        return map.allocateFixed(address[0], size) ? KERN_SUCCESS : KERN_NO_SPACE;
    }

    /**
     * Routine: vm_deallocate. Purpose: release whole pages of a range.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT if the range is not
     * the task's.
     */
    @Override
    public int vmDeallocate(TaskMemory map, long address, long size) {
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        return map.deallocate(address, size) ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
    }
}
